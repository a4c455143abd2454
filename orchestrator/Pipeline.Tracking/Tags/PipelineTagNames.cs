namespace Pipeline.Tracking.Tags;

/// <summary>Tag names this orchestrator adds so a later invocation can find its own runs.</summary>
public static class PipelineTagNames
{
    /// <summary>The pipeline run id from the ledger; shared by the parent run and its stage runs.</summary>
    public const string PipelineRunId = "pipeline.run_id";

    /// <summary>The stage a child run belongs to.</summary>
    public const string Stage = "pipeline.stage";

    /// <summary>
    /// A client-generated id on every run, so a create whose reply was lost is found instead of made twice
    /// (live and at replay); a spooled run's local id is <c>local-</c> and this id.
    /// </summary>
    public const string ClientRunId = "pipeline.client_run_id";

    /// <summary>Set on runs created from a spool, so replaying twice finds the run instead of creating another.</summary>
    public const string SpoolRunId = "pipeline.spool_run_id";
}
