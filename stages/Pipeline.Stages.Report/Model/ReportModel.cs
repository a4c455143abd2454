using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Report.Model;

/// <summary>Everything the report shows, read from the inputs once; the HTML and Markdown writers only format it.</summary>
internal sealed class ReportModel
{
    public required ReportParams Params { get; init; }

    public required IReadOnlyList<InputStatus> Inputs { get; init; }

    public ReportNotes Notes { get; } = new();

    public List<ReportImage> Previews { get; } = [];

    public TrainingHistory? History { get; set; }

    public List<KeyValuePair<string, string>> EncoderFacts { get; } = [];

    /// <summary>summary.json in file order; numbers as double, others as text.</summary>
    public List<KeyValuePair<string, string>> SummaryText { get; } = [];

    public Dictionary<string, double> SummaryNumbers { get; } = [];

    public List<HeadlineRow> Headline { get; } = [];

    /// <summary>Per probe (linear, then k-NN), our top-1 over the best baseline of this run.</summary>
    public List<BaselineMargin> Margins { get; } = [];

    public DataTable? PerClass { get; set; }

    /// <summary>Per-class accuracy by encoder, from metrics.parquet (class_name, accuracy, and model when there are several).</summary>
    public PerClassAccuracy? PerClassAccuracy { get; set; }

    public List<LineChartSpec> EvalCurves { get; } = [];

    public List<ReportImage> EvalPlots { get; } = [];

    public ConfusionMatrix? Confusion { get; set; }

    public List<ReportImage> TsnePlots { get; } = [];

    public string? Tsne3dHtml { get; set; }

    public DataTable? CoordinatesPreview { get; set; }

    public List<KeyValuePair<string, string>> Environment { get; } = [];

    /// <summary>The pretraining charts, derived from <see cref="History"/>.</summary>
    public List<LineChartSpec> PretrainCharts { get; } = [];

    /// <summary>The declared input <paramref name="name"/>.</summary>
    public InputStatus Input(string name) => Inputs.First(i => i.Name == name);

    /// <summary>Builds the input list from the stage's ports and the wired folders.</summary>
    public static IReadOnlyList<InputStatus> DescribeInputs(IReadOnlyList<PortSpec> ports, IReadOnlyDictionary<string, string> wired) =>
        ports.Select(p => new InputStatus(p.Name, p.ArtifactType, p.Description, wired.GetValueOrDefault(p.Name))).ToList();
}
