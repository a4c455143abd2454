using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Tsne.Tests.Support;

/// <summary>Keeps everything a stage reports so tests can assert on it.</summary>
public sealed class RecordingStageReporter : IStageReporter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _summaries = [];
    private readonly Dictionary<string, string> _params = [];
    private readonly List<(string Key, double Value, long? Step)> _metrics = [];
    private readonly List<(string Path, string? Folder)> _artifacts = [];
    private readonly List<ProgressUpdate> _progress = [];

    public IReadOnlyDictionary<string, double> Summaries => Locked(() => new Dictionary<string, double>(_summaries));

    public IReadOnlyDictionary<string, string> Params => Locked(() => new Dictionary<string, string>(_params));

    public IReadOnlyList<(string Key, double Value, long? Step)> Metrics => Locked(() => _metrics.ToList());

    public IReadOnlyList<(string Path, string? Folder)> Artifacts => Locked(() => _artifacts.ToList());

    public IReadOnlyList<ProgressUpdate> ProgressUpdates => Locked(() => _progress.ToList());

    /// <summary>Called on the stage's thread with each progress update, after it is recorded: a test's signal.</summary>
    public Action<ProgressUpdate>? OnProgress { get; init; }

    public void LogMetric(string key, double value, long? step = null) => Locked(() => _metrics.Add((key, value, step)));

    public void LogSummary(string key, double value) => Locked(() => _summaries[key] = value);

    public void LogParam(string key, string value) => Locked(() => _params[key] = value);

    public void LogArtifact(string localPath, string? artifactPath = null) => Locked(() => _artifacts.Add((localPath, artifactPath)));

    public void Progress(ProgressUpdate update)
    {
        Locked(() => _progress.Add(update));
        OnProgress?.Invoke(update);
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Locked(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }
}
