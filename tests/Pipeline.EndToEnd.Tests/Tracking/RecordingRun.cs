using System.Collections.Concurrent;
using Pipeline.Tracking;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>A tracked run that records what was logged and when it was started and ended.</summary>
internal sealed class RecordingRun(string runId, string name, DateTimeOffset? started) : ITrackedRun
{
    public string RunId { get; } = runId;

    public string Name { get; } = name;

    public DateTimeOffset? Started { get; } = started;

    public DateTimeOffset? Ended { get; private set; }

    public RunStatus? Status { get; private set; }

    public string? ExperimentId => "1";

    public ConcurrentDictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Key, double Value, long Step)> Metrics { get; } = new();

    public ConcurrentQueue<(string Path, string? Folder)> Artifacts { get; } = new();

    public void LogParam(string key, string value) => Params[key] = value;

    public void LogMetric(string key, double value, long step, long? timestampMs = null) => Metrics.Enqueue((key, value, step));

    public void SetTag(string key, string value) => Tags[key] = value;

    public Task LogArtifactAsync(string localPath, string? artifactPath, CancellationToken cancellationToken)
    {
        Artifacts.Enqueue((localPath, artifactPath));
        return Task.CompletedTask;
    }

    public ConcurrentQueue<TrackedDataset> Inputs { get; } = new();

    public Task LogInputsAsync(IReadOnlyList<TrackedDataset> datasets, CancellationToken cancellationToken)
    {
        foreach (var dataset in datasets)
        {
            Inputs.Enqueue(dataset);
        }

        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EndAsync(RunStatus status, CancellationToken cancellationToken) => EndAsync(status, null, cancellationToken);

    public Task EndAsync(RunStatus status, DateTimeOffset? endTime, CancellationToken cancellationToken)
    {
        Status = status;
        Ended = endTime;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
