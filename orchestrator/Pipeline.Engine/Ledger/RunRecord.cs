namespace Pipeline.Engine.Ledger;

/// <summary>The run ledger: what one orchestrator invocation did (<c>artifacts/runs/&lt;run-id&gt;/run.json</c>).</summary>
public sealed record RunRecord
{
    /// <summary>Format version of this file.</summary>
    public int Format { get; init; } = 1;

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The pipeline name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>The pipeline file.</summary>
    public required string PipelineFile { get; init; }

    /// <summary>Process id of the orchestrator.</summary>
    public int Pid { get; init; }

    /// <summary>The machine the orchestrator ran on (a ledger is closed as killed only from the same machine).</summary>
    public string? Host { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>When it ended (null while running or after a crash).</summary>
    public DateTimeOffset? Ended { get; init; }

    /// <summary>running, succeeded, failed, cancelled, or killed (its process was gone when a later run looked).</summary>
    public string Status { get; init; } = "running";

    /// <summary>The orchestrator's exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The tracking (MLflow) parent run id, when tracked.</summary>
    public string? TrackingRunId { get; init; }

    /// <summary>Stages in plan order.</summary>
    public IReadOnlyList<StageRecord> Stages { get; init; } = [];
}
