namespace Pipeline.Stages.Report.Model;

/// <summary>The run ledger as far as the report shows it: run facts and the stages in plan order.</summary>
internal sealed record LedgerRun(
    string Path,
    string? RunId,
    string? Pipeline,
    string? PipelineFile,
    string? Status,
    string? Started,
    string? Ended,
    IReadOnlyList<LedgerStage> Stages);
