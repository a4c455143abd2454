namespace Pipeline.Engine.Ledger;

/// <summary>Where a stage stands in one run.</summary>
public enum StageStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Ran and committed its outputs.</summary>
    Succeeded,

    /// <summary>A valid cache entry was used; the stage did not run.</summary>
    Cached,

    /// <summary>The stage failed.</summary>
    Failed,

    /// <summary>Not run because an upstream stage failed or the run stopped.</summary>
    Skipped,

    /// <summary>Stopped by Ctrl-C; its checkpoint is kept.</summary>
    Cancelled,

    /// <summary>The orchestrator died (kill -9) while the stage ran; found and recorded by a later run.</summary>
    Killed,
}
