using System.Collections.Concurrent;
using Pipeline.Stages.Abstractions;

namespace Pipeline.TestSupport.Stages;

/// <summary>Keeps everything a stage reports, for assertions.</summary>
public sealed class RecordingReporter : IStageReporter
{
    public ConcurrentQueue<(string Key, double Value, long? Step)> Metrics { get; } = new();

    public ConcurrentDictionary<string, double> Summaries { get; } = new();

    public ConcurrentDictionary<string, string> Params { get; } = new();

    public ConcurrentQueue<(string Path, string? Folder)> Artifacts { get; } = new();

    public void LogMetric(string key, double value, long? step = null) => Metrics.Enqueue((key, value, step));

    public void LogSummary(string key, double value) => Summaries[key] = value;

    public void LogParam(string key, string value) => Params[key] = value;

    public void LogArtifact(string localPath, string? artifactPath = null) => Artifacts.Enqueue((localPath, artifactPath));

    public void Progress(ProgressUpdate update)
    {
    }

    public IReadOnlyList<(double Value, long? Step)> Series(string key) =>
        Metrics.Where(m => m.Key == key).Select(m => (m.Value, m.Step)).ToList();
}
