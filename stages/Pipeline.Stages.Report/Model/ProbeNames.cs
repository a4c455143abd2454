namespace Pipeline.Stages.Report.Model;

/// <summary>The two probes linear-eval reports, as the report names them.</summary>
internal static class ProbeNames
{
    public const string Linear = "linear probe";
    public const string Knn = "weighted k-NN";
}
