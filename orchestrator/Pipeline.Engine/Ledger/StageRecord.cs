namespace Pipeline.Engine.Ledger;

/// <summary>One stage in the run ledger: key, status, why, how long, and the error if any.</summary>
public sealed record StageRecord
{
    /// <summary>The stage id.</summary>
    public required string Id { get; init; }

    /// <summary>The stage type.</summary>
    public required string Type { get; init; }

    /// <summary>The cache key (null until known).</summary>
    public string? Key { get; init; }

    /// <summary>The status.</summary>
    public StageStatus Status { get; init; }

    /// <summary>True when the outputs came from the cache.</summary>
    public bool CacheHit { get; init; }

    /// <summary>Why it ran, was cached or was skipped.</summary>
    public string? Reason { get; init; }

    /// <summary>Wall seconds of the execution (0 for a hit).</summary>
    public double DurationSeconds { get; init; }

    /// <summary>The failure message.</summary>
    public string? Error { get; init; }

    /// <summary>The exit code of the stage process, when it ran in one.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Summary metrics reported by the stage (or copied from the cache entry).</summary>
    public IReadOnlyDictionary<string, double>? Summary { get; init; }

    /// <summary>The run that computed the outputs (this run, or an earlier one for a hit).</summary>
    public string? SourceRunId { get; init; }

    /// <summary>The tracking (MLflow) run id of this stage in this run, when tracked.</summary>
    public string? TrackingRunId { get; init; }

    /// <summary>
    /// The params it ran (or was looked up) with, flattened, operational ones included: they are out of the cache
    /// key, not out of the record.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Params { get; init; }

    /// <summary>The stage's log file, when it ran.</summary>
    public string? LogPath { get; init; }
}
