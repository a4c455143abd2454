using System.Collections.Concurrent;
using Pipeline.Tracking;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>
/// An in-memory tracker for observer tests: records every run; the parent's start can be held on a gate to
/// stand for a slow server, and earlier runs can be planted for <see cref="GetRunAsync"/>.
/// </summary>
internal sealed class RecordingTracker : IExperimentTracker
{
    private int _next;

    public ConcurrentQueue<RecordingRun> Runs { get; } = new();

    public ConcurrentDictionary<string, TrackedRunInfo> Known { get; } = new(StringComparer.Ordinal);

    /// <summary>Completed by the test to let the parent run's creation finish.</summary>
    public TaskCompletionSource ParentGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Description => "recording";

    public Task<string?> GetOrCreateExperimentAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("1");

    public Task<ITrackedRun> StartRunAsync(string runName, string? parentRunId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        StartRunAsync(runName, parentRunId, tags, null, cancellationToken);

    public async Task<ITrackedRun> StartRunAsync(
        string runName, string? parentRunId, IReadOnlyDictionary<string, string> tags, DateTimeOffset? startTime, CancellationToken cancellationToken)
    {
        if (parentRunId is null)
        {
            await ParentGate.Task.WaitAsync(cancellationToken);
        }

        var run = new RecordingRun($"run{Interlocked.Increment(ref _next)}", runName, startTime);
        foreach (var (key, value) in tags)
        {
            run.Tags[key] = value;
        }

        Runs.Enqueue(run);
        return run;
    }

    public Task<IReadOnlyList<TrackedRunInfo>> FindRunsAsync(string tagKey, string tagValue, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TrackedRunInfo>>(Known.Values.Where(r => r.Tags.GetValueOrDefault(tagKey) == tagValue).ToList());

    public Task<TrackedRunInfo?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult(Known.GetValueOrDefault(runId));

    /// <summary>Metric histories of planted runs, by (run id, key).</summary>
    public ConcurrentDictionary<(string RunId, string Key), IReadOnlyList<MetricPoint>> Histories { get; } = new();

    public Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken) =>
        Task.FromResult(Histories.GetValueOrDefault((runId, key)) ?? []);

    public Task SetRunStatusAsync(string runId, RunStatus status, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
