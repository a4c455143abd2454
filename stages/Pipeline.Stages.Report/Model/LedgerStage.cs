namespace Pipeline.Stages.Report.Model;

/// <summary>One stage as recorded in <c>run.json</c>; fields the file lacks are null.</summary>
internal sealed record LedgerStage(
    string Id,
    string Type,
    string? Key,
    string Status,
    bool CacheHit,
    string? Reason,
    double? DurationSeconds,
    string? Error,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<KeyValuePair<string, double>> Summary);
