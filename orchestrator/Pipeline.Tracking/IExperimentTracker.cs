namespace Pipeline.Tracking;

/// <summary>
/// One per orchestrator invocation: resolves the experiment, starts runs, and finds earlier runs.
/// Implementations: the REST tracker (http/https, spools when the server is unreachable) and the file store tracker.
/// </summary>
public interface IExperimentTracker : IAsyncDisposable
{
    /// <summary>Human-readable store description with no credentials, for the run header log line.</summary>
    string Description { get; }

    /// <summary>
    /// Finds the configured experiment or creates it. Returns its id, or null when the server is unreachable
    /// and events are being spooled (the experiment is then created at replay time).
    /// </summary>
    Task<string?> GetOrCreateExperimentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a run in the experiment. <paramref name="parentRunId"/> makes it a child (tag mlflow.parentRunId).
    /// Never throws for an unreachable server: the run is then spooled with a local id (see <c>SpoolRunIds</c>).
    /// </summary>
    Task<ITrackedRun> StartRunAsync(
        string runName,
        string? parentRunId,
        IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="StartRunAsync(string, string?, IReadOnlyDictionary{string, string}, CancellationToken)"/>, with the
    /// run's start time given (a stage's own start, not when a background queue got to it); null means now.
    /// </summary>
    Task<ITrackedRun> StartRunAsync(
        string runName,
        string? parentRunId,
        IReadOnlyDictionary<string, string> tags,
        DateTimeOffset? startTime,
        CancellationToken cancellationToken);

    /// <summary>Runs of the experiment whose tag <paramref name="tagKey"/> equals <paramref name="tagValue"/>.</summary>
    Task<IReadOnlyList<TrackedRunInfo>> FindRunsAsync(string tagKey, string tagValue, CancellationToken cancellationToken);

    /// <summary>The run with this id, or null when the store does not know it.</summary>
    Task<TrackedRunInfo?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Every point of one metric of a run, in no particular order; empty when the run or metric is unknown.</summary>
    Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken);

    /// <summary>Sets a terminal status on a run this invocation did not start (e.g. a RUNNING run left by a killed orchestrator).</summary>
    Task SetRunStatusAsync(string runId, RunStatus status, CancellationToken cancellationToken);
}
