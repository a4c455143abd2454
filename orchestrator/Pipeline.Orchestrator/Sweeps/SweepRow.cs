namespace Pipeline.Orchestrator.Sweeps;

/// <summary>One variant's line in the comparison table.</summary>
public sealed record SweepRow(
    int Variant,
    string RunId,
    string Status,
    string? Reason,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> StageStatus,
    IReadOnlyDictionary<string, double> Metrics);
