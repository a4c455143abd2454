namespace Pipeline.Stages.Report;

/// <summary>The names of the report's inputs (all optional) and the files it looks for in each.</summary>
public static class ReportInputs
{
    /// <summary>PNGs from augment-preview, one per variant.</summary>
    public const string Previews = "previews";

    /// <summary>Pretraining history (<see cref="HistoryFile"/>).</summary>
    public const string History = "history";

    /// <summary>The encoder folder (<see cref="EncoderFile"/>).</summary>
    public const string Encoder = "encoder";

    /// <summary>Linear-eval tables: <see cref="MetricsFile"/> and <see cref="SummaryFile"/>.</summary>
    public const string EvalMetrics = "eval_metrics";

    /// <summary>Per-image predictions (<see cref="PredictionsFile"/>).</summary>
    public const string Predictions = "predictions";

    /// <summary>Linear-eval PNGs (confusion matrix, curves).</summary>
    public const string EvalPlots = "eval_plots";

    /// <summary>t-SNE PNGs and <see cref="Tsne3dFile"/>.</summary>
    public const string TsnePlots = "tsne_plots";

    /// <summary>t-SNE coordinates (<see cref="CoordinatesFile"/>).</summary>
    public const string TsneCoordinates = "tsne_coordinates";

    /// <summary>Pretraining history: step, epoch, loss, lr, images_per_second.</summary>
    public const string HistoryFile = "history.parquet";

    /// <summary>Encoder description: architecture, input_size, channels...</summary>
    public const string EncoderFile = "encoder.json";

    /// <summary>Per-class metrics: class_name, support, accuracy (+ baseline columns).</summary>
    public const string MetricsFile = "metrics.parquet";

    /// <summary>A flat JSON object of summary metrics (test_top1, test_top5, knn_top1, ...).</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>index, label, predicted, class_name, correct.</summary>
    public const string PredictionsFile = "predictions.parquet";

    /// <summary>The self-contained interactive 3-D t-SNE view.</summary>
    public const string Tsne3dFile = "tsne_3d.html";

    /// <summary>t-SNE coordinates per image.</summary>
    public const string CoordinatesFile = "coordinates.parquet";
}
