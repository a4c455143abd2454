namespace Pipeline.Stages.Report.Model;

/// <summary>The report's sections in page order: anchor id and heading.</summary>
internal static class ReportSections
{
    public const string Params = "params";
    public const string Previews = "previews";
    public const string Pretrain = "pretrain";
    public const string Eval = "eval";
    public const string Tsne = "tsne";
    public const string Environment = "environment";

    /// <summary>Anchor id and heading, in page order.</summary>
    public static IReadOnlyList<(string Id, string Title)> All { get; } =
    [
        (Params, "Parameters and inputs"),
        (Previews, "Augmentation previews"),
        (Pretrain, "SimCLR pretraining"),
        (Eval, "Linear evaluation"),
        (Tsne, "t-SNE of the embeddings"),
        (Environment, "Environment"),
    ];
}
