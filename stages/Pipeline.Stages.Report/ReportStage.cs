using Microsoft.Extensions.Logging;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Report.Inputs;
using Pipeline.Stages.Report.Rendering;

namespace Pipeline.Stages.Report;

/// <summary>
/// <c>report</c>: gathers whatever it is wired to (augmentation previews, pretraining history, encoder facts,
/// linear-eval metrics and figures, t-SNE figures and 3-D view) and writes one self-contained <c>report.html</c>
/// (no network references) and a <c>report.md</c> with its figures beside it. The output is a function of the declared
/// inputs and params only (no run id, stage id, clock or run ledger), so a forced re-run on the same key is byte-identical.
/// </summary>
public sealed class ReportStage : Stage<ReportParams>
{
    /// <summary>The name of the single output.</summary>
    public const string OutputName = "report";

    /// <summary>The HTML file in the output.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>The Markdown file in the output.</summary>
    public const string MarkdownFile = "report.md";

    /// <inheritdoc />
    public override string TypeName => "report";

    /// <inheritdoc />
    public override int Version => 2;

    /// <inheritdoc />
    public override string Description => "Self-contained HTML and Markdown report of the run (every input optional)";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } =
    [
        new(ReportInputs.Previews, ArtifactTypes.Images, "augmentation previews (<variant>.png)", Optional: true),
        new(ReportInputs.History, ArtifactTypes.Table, "pretraining history (history.parquet)", Optional: true),
        new(ReportInputs.Encoder, ArtifactTypes.Encoder, "encoder facts (encoder.json)", Optional: true),
        new(ReportInputs.EvalMetrics, ArtifactTypes.Table, "linear-eval metrics (metrics.parquet, summary.json)", Optional: true),
        new(ReportInputs.Predictions, ArtifactTypes.Table, "test predictions (predictions.parquet) for the confusion matrix", Optional: true),
        new(ReportInputs.EvalPlots, ArtifactTypes.Images, "linear-eval figures (confusion_matrix.png, curves)", Optional: true),
        new(ReportInputs.TsnePlots, ArtifactTypes.Images, "t-SNE figures and tsne_3d.html", Optional: true),
        new(ReportInputs.TsneCoordinates, ArtifactTypes.Table, "t-SNE coordinates (coordinates.parquet)", Optional: true),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
        [new PortSpec(OutputName, ArtifactTypes.Report, "report.html (self-contained) and report.md with figures/")];

    /// <inheritdoc />
    protected override async Task RunAsync(StageContext context, ReportParams parameters, CancellationToken cancellationToken)
    {
        var model = await ReportModelBuilder.BuildAsync(context, parameters, Inputs, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var html = HtmlReportWriter.Render(model);
        // Decoded too: the 3-D view sits HTML-escaped in an iframe's srcdoc, where its references are live.
        var leaks = NetworkReferences.Find(html).Concat(NetworkReferences.Find(System.Net.WebUtility.HtmlDecode(html))).ToList();
        if (leaks.Count > 0)
        {
            throw new StageFailedException($"report.html would load from the network ({string.Join(", ", leaks)}); this is a bug in the report stage");
        }

        var (markdown, figures) = MarkdownReportWriter.Render(model);
        var output = FreshOutput(context);
        foreach (var (relative, bytes) in figures)
        {
            AtomicFile.WriteAllBytes(Path.Combine(output, relative), bytes);
        }

        var htmlPath = Path.Combine(output, HtmlFile);
        var markdownPath = Path.Combine(output, MarkdownFile);
        AtomicFile.WriteAllText(markdownPath, markdown);
        AtomicFile.WriteAllText(htmlPath, html);
        context.Reporter.LogArtifact(htmlPath, OutputName);
        context.Reporter.LogArtifact(markdownPath, OutputName);
        var figuresFolder = Path.Combine(output, MarkdownReportWriter.FiguresFolder);
        if (figures.Count > 0 && Directory.Exists(figuresFolder))
        {
            // report.md links figures/<name>.png: the folder goes beside it, or the uploaded report has broken images.
            context.Reporter.LogArtifact(figuresFolder, OutputName + "/" + MarkdownReportWriter.FiguresFolder);
        }

        foreach (var (section, message) in model.Notes.All())
        {
            context.Logger.LogInformation("report: {Section}: {Note}", section, message);
        }

        context.Logger.LogInformation(
            "wrote {Html} ({Kb:0} kB) and {Markdown} with {Figures} figures; {Notes} parts noted as missing or skipped",
            htmlPath, new FileInfo(htmlPath).Length / 1024.0, markdownPath, figures.Count, model.Notes.All().Count());
    }

    private static string FreshOutput(StageContext context)
    {
        var output = context.Output(OutputName);
        foreach (var entry in new DirectoryInfo(output).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return output;
    }
}
