using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Tsne.Data;
using Pipeline.Stages.Tsne.Html;
using Pipeline.Stages.Tsne.Plots;
using Pipeline.Tsne;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Tsne;

/// <summary>
/// <c>tsne</c>: embeds the rows of the <c>embeddings</c> table into a 3-D (or 2-D) t-SNE map, scores the map
/// (KL divergence, trustworthiness, 10-NN label accuracy in both spaces) and writes the coordinates as Parquet, the
/// reference figures as PNGs and an interactive offline HTML view.
/// </summary>
public sealed class TsneStage : Stage<TsneParams>
{
    /// <summary>The input name.</summary>
    public const string InputName = "embeddings";

    /// <summary>The Parquet output.</summary>
    public const string CoordinatesOutput = "coordinates";

    /// <summary>The figures output.</summary>
    public const string PlotsOutput = "plots";

    /// <summary>Neighbours used by the trustworthiness and k-NN accuracy metrics.</summary>
    public const int NeighbourCount = 10;

    /// <inheritdoc />
    public override string TypeName => "tsne";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "t-SNE map of the embeddings with quality metrics, PNG figures and an interactive 3-D HTML view";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } =
        [new PortSpec(InputName, ArtifactTypes.Table, "embeddings.parquet: index, split, label, class_name, superclass, f000..")];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
    [
        new PortSpec(CoordinatesOutput, ArtifactTypes.Table, "coordinates.parquet: index, split, label, class_name, superclass, x, y, z (z only in 3-D)"),
        new PortSpec(PlotsOutput, ArtifactTypes.Images, "all_classes.png, superclasses.png, <superclass>_only.png, tsne_3d.html"),
    ];

    /// <inheritdoc />
    protected override async Task RunAsync(StageContext context, TsneParams parameters, CancellationToken cancellationToken)
    {
        var errors = parameters.AllErrors();
        if (errors.Count > 0)
        {
            throw new StageFailedException("invalid tsne params: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Message}")));
        }

        var seed = parameters.Seed ?? context.Seed;
        try
        {
            var table = await LoadAsync(context, parameters, seed, cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var options = TsneOptionsFactory.Create(parameters, seed);
            var result = await Task.Run(() => Embed(context, table, options, cancellationToken), cancellationToken).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            context.Logger.LogInformation("t-SNE of {Points} points x {Dimensions} features took {Seconds:0.0} s (KL {Kl:0.0000})", table.Count, table.Dimensions, seconds, result.KlDivergence);

            await Task.Run(() => LogQuality(context, table, result, parameters.NComponents, seconds, cancellationToken), cancellationToken).ConfigureAwait(false);
            await WriteOutputsAsync(context, table, result.Embedding, parameters.NComponents, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex is not StageCancelledException)
        {
            throw new StageCancelledException("tsne was cancelled; it keeps no checkpoint, the next run starts over", ex);
        }
    }

    private static TsneResult Embed(StageContext context, EmbeddingTable table, TsneOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return Pipeline.Tsne.Tsne.Run(table.Features, table.Count, table.Dimensions, options, new TsneProgressReporter(context.Reporter), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            // The library checks the data too (NaN or infinite features, fewer than two points).
            throw new StageFailedException($"t-SNE cannot run on {InputName}: {ex.Message}", ex);
        }
    }

    private static async Task<EmbeddingTable> LoadAsync(StageContext context, TsneParams parameters, int seed, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.Input(InputName), EmbeddingsTable.FileName);
        var all = await EmbeddingsReader.ReadAsync(
            path,
            (done, total) => context.Reporter.Progress(new ProgressUpdate("read embeddings", done, total, "row groups")),
            cancellationToken).ConfigureAwait(false);
        var rows = StratifiedSample.Rows(all.Labels, parameters.MaxPoints, seed);
        var table = rows.Length == all.Count ? all : all.Select(rows);
        context.Logger.LogInformation("embedding {Points} of {Rows} rows ({Dimensions} features each)", table.Count, all.Count, table.Dimensions);
        context.Reporter.LogParam("points", table.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Reporter.LogParam("feature_dimensions", table.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Reporter.LogParam("seed_used", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var maxPerplexity = TsneParams.MaxPerplexityFor(table.Count);
        if (parameters.Perplexity > maxPerplexity)
        {
            throw new StageFailedException(
                $"perplexity {parameters.Perplexity} is too large for {table.Count} points: it must be at most (N - 1) / 3 = {Math.Max(0, maxPerplexity):0.##}. " +
                "Lower perplexity, or embed more points (raise or remove max_points).");
        }

        return table;
    }

    private static void LogQuality(StageContext context, EmbeddingTable table, TsneResult result, int components, double seconds, CancellationToken cancellationToken)
    {
        const string phase = "quality metrics";
        var reporter = context.Reporter;
        reporter.LogSummary(Metrics.KlDivergence, result.KlDivergence);
        reporter.LogSummary(Metrics.Seconds, seconds);
        reporter.Progress(new ProgressUpdate(phase, 0, 3, "metrics"));
        reporter.LogSummary(Metrics.Trustworthiness, EmbeddingQuality.Trustworthiness(table.Features, table.Count, table.Dimensions, result.Embedding, components, NeighbourCount));
        cancellationToken.ThrowIfCancellationRequested();
        reporter.Progress(new ProgressUpdate(phase, 1, 3, "metrics"));
        reporter.LogSummary(Metrics.KnnAccuracyTsne, EmbeddingQuality.KnnAccuracy(result.Embedding, table.Count, components, table.Labels, NeighbourCount));
        cancellationToken.ThrowIfCancellationRequested();
        reporter.Progress(new ProgressUpdate(phase, 2, 3, "metrics"));
        reporter.LogSummary(Metrics.KnnAccuracyFeatures, EmbeddingQuality.KnnAccuracy(table.Features, table.Count, table.Dimensions, table.Labels, NeighbourCount));
        reporter.Progress(new ProgressUpdate(phase, 3, 3, "metrics"));
    }

    private static async Task WriteOutputsAsync(StageContext context, EmbeddingTable table, float[] embedding, int components, CancellationToken cancellationToken)
    {
        var coordinates = Fresh(context.Output(CoordinatesOutput));
        await CoordinatesWriter.WriteAsync(Path.Combine(coordinates, CoordinatesWriter.FileName), table, embedding, components, cancellationToken).ConfigureAwait(false);

        var plots = Fresh(context.Output(PlotsOutput));
        var figures = FigureSet.Build(table, embedding, components);
        for (var f = 0; f < figures.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (file, view) = figures[f];
            var path = Path.Combine(plots, file);
            AtomicFile.WriteAllBytes(path, ScatterFigureRenderer.RenderPng(view));
            context.Reporter.LogArtifact(path, PlotsOutput);
            context.Reporter.Progress(new ProgressUpdate("plots", f + 1, figures.Count + 1, "files"));
        }

        var html = Path.Combine(plots, InteractiveHtml.FileName);
        AtomicFile.WriteAllText(html, InteractiveHtml.Build($"t-SNE of {table.Count} embeddings ({components}-D)", table, embedding, components));
        context.Reporter.LogArtifact(html, PlotsOutput);
        context.Reporter.Progress(new ProgressUpdate("plots", figures.Count + 1, figures.Count + 1, "files"));
    }

    private static string Fresh(string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return directory;
    }

    /// <summary>The summary metric keys this stage logs.</summary>
    public static class Metrics
    {
        /// <summary>Final KL divergence of the map (also logged per iteration while optimising).</summary>
        public const string KlDivergence = "kl_divergence";

        /// <summary>Exact trustworthiness with 10 neighbours (1 = no false neighbours in the map).</summary>
        public const string Trustworthiness = "trustworthiness_10";

        /// <summary>Leave-one-out 10-NN label accuracy in the t-SNE map.</summary>
        public const string KnnAccuracyTsne = "knn_accuracy_tsne";

        /// <summary>Leave-one-out 10-NN label accuracy in the feature space.</summary>
        public const string KnnAccuracyFeatures = "knn_accuracy_features";

        /// <summary>Wall-clock seconds of the t-SNE optimisation alone.</summary>
        public const string Seconds = "seconds";
    }
}
