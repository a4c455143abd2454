using Microsoft.Extensions.Logging;
using Pipeline.Data.Stl10;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Eval;
using Pipeline.Ml.Native;
using Pipeline.Stages.Abstractions;
using static TorchSharp.torch;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Embed;

/// <summary>
/// <c>embed</c>: runs the frozen encoder (eval mode, no_grad) over the chosen splits and writes
/// <c>embeddings.parquet</c> (see <see cref="EmbeddingsTable"/>) batch by batch, one row group per batch, for t-SNE
/// and other downstream analysis.
/// </summary>
public sealed class EmbedStage : Stage<EmbedParams>
{
    /// <summary>The encoder input.</summary>
    public const string EncoderInput = "encoder";

    /// <summary>The dataset input.</summary>
    public const string DatasetInput = "dataset";

    /// <summary>The single output.</summary>
    public const string EmbeddingsOutput = "embeddings";

    /// <inheritdoc />
    public override string TypeName => "embed";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "Frozen encoder features of dataset splits, written to Parquet";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } =
    [
        new PortSpec(EncoderInput, ArtifactTypes.Encoder, "the frozen encoder"),
        new PortSpec(DatasetInput, ArtifactTypes.Dataset, "the images to embed"),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
        [new PortSpec(EmbeddingsOutput, ArtifactTypes.Table, "embeddings.parquet: index, split, label, class_name, superclass, f000..")];

    /// <inheritdoc />
    protected override async Task RunAsync(StageContext context, EmbedParams parameters, CancellationToken cancellationToken)
    {
        var errors = parameters.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new StageFailedException("invalid params: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Message}")));
        }
        TorchRuntime.Configure(context.Seed, parameters.Threads);
        var device = Pipeline.Ml.Native.TorchDevices.Resolve(parameters.Device);
        var dataset = EvalInputs.OpenDataset(context.Input(DatasetInput));
        var missing = parameters.Splits.Where(s => !dataset.HasSplit(s)).ToList();
        if (missing.Count > 0)
        {
            var present = Stl10Format.Splits.Where(dataset.HasSplit);
            throw new StageFailedException($"splits: the dataset has no {string.Join(", ", missing.Select(s => $"'{s}'"))} split; it has {string.Join(", ", present)}");
        }
        var (backbone, info) = EvalInputs.LoadEncoder(context.Input(EncoderInput));
        using var encoder = backbone;
        ImagePreprocessor preprocessor;
        try
        {
            preprocessor = new ImagePreprocessor(info, dataset.Info.Channels);
        }
        catch (ArgumentException ex)
        {
            throw new StageFailedException($"the encoder and the dataset do not fit together: {ex.Message}", ex);
        }
        context.Reporter.LogParam("channel_adaptation", preprocessor.Adaptation.ToString().ToLowerInvariant());
        var extractor = new FrozenFeatureExtractor(encoder, preprocessor, device);
        var superclasses = new SuperclassLookup(dataset.Info);
        var classNames = dataset.Info.ClassNames;

        var path = Path.Combine(context.Output(EmbeddingsOutput), EmbeddingsTable.FileName);
        await using var writer = await EmbeddingsWriter.CreateAsync(path, info.FeatureDimension, cancellationToken).ConfigureAwait(false);
        foreach (var split in parameters.Splits)
        {
            using var reader = dataset.OpenSplit(split);
            var count = Math.Min(reader.Count, parameters.MaxImages ?? int.MaxValue);
            var source = new SplitImageSource(reader);
            var phase = $"embed {split}";
            context.Reporter.Progress(new ProgressUpdate(phase, 0, count, "images"));
            for (var start = 0; start < count; start += parameters.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var indices = Enumerable.Range(start, Math.Min(parameters.BatchSize, count - start)).ToArray();
                float[] features;
                using (var pixels = PixelBatch.Read(source, indices))
                using (var batch = extractor.Extract(pixels))
                {
                    if (batch.shape[1] != info.FeatureDimension)
                    {
                        throw new StageFailedException($"input 'encoder': encoder.json says {info.FeatureDimension} features but the encoder gives {batch.shape[1]}");
                    }
                    features = batch.data<float>().ToArray();
                }
                var labels = indices.Select(i => reader.HasLabels ? reader.Label(i) : -1).ToArray();
                var names = labels.Select(l => l >= 0 && l < classNames.Count ? classNames[l] : "").ToArray();
                var supers = names.Select(superclasses.Of).ToArray();
                await writer.WriteBatchAsync(indices, split, labels, names, supers, features, cancellationToken).ConfigureAwait(false);
                context.Reporter.Progress(new ProgressUpdate(phase, start + indices.Length, count, "images"));
            }
            context.Reporter.LogSummary($"{split}_rows", count);
            context.Logger.LogInformation("embedded {Count} of {Total} '{Split}' images", count, reader.Count, split);
        }
        await writer.CompleteAsync().ConfigureAwait(false);
        context.Reporter.LogSummary("rows", writer.Rows);
        context.Reporter.LogArtifact(path, EmbeddingsOutput);
    }
}
