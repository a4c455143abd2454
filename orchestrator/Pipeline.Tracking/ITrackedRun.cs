namespace Pipeline.Tracking;

/// <summary>
/// A started run. Log calls are non-blocking: events are queued and sent in the background, so training never
/// waits on the network. <see cref="FlushAsync"/> and <see cref="EndAsync"/> wait for the queue to drain.
/// </summary>
public interface ITrackedRun : IAsyncDisposable
{
    /// <summary>The MLflow run id (32 hex), or a spool-local id when the run was started offline.</summary>
    string RunId { get; }

    /// <summary>The experiment id, or null when the run was started offline.</summary>
    string? ExperimentId { get; }

    /// <summary>Logs a param. Values over 6000 chars are truncated with a warning; keys are validated.</summary>
    void LogParam(string key, string value);

    /// <summary>Logs one metric point; <paramref name="timestampMs"/> defaults to now. NaN and infinities are allowed.</summary>
    void LogMetric(string key, double value, long step, long? timestampMs = null);

    /// <summary>Sets a tag. Values over 8000 chars are truncated with a warning.</summary>
    void SetTag(string key, string value);

    /// <summary>
    /// Uploads a file (or every file under a folder) to <c>artifacts/&lt;artifactPath&gt;/&lt;name&gt;</c>, streamed from disk.
    /// </summary>
    Task LogArtifactAsync(string localPath, string? artifactPath, CancellationToken cancellationToken);

    /// <summary>Logs the datasets the run reads (MLflow runs/log-inputs); spooled like the rest when offline.</summary>
    Task LogInputsAsync(IReadOnlyList<TrackedDataset> datasets, CancellationToken cancellationToken);

    /// <summary>Waits until everything logged so far is sent, stored, or spooled.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Flushes and sets the terminal status. With a cancelled token the rest is written to the spool instead of
    /// the network, so nothing is lost and the call returns promptly.
    /// </summary>
    Task EndAsync(RunStatus status, CancellationToken cancellationToken);

    /// <summary>Like <see cref="EndAsync(RunStatus, CancellationToken)"/> with the end time given (null: now).</summary>
    Task EndAsync(RunStatus status, DateTimeOffset? endTime, CancellationToken cancellationToken);
}
