using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Pretrain.Tests.Support;

/// <summary>Keeps every metric, summary and param a stage reports; <see cref="OnMetric"/> lets a test react (e.g. cancel).</summary>
public sealed class RecordingReporter : IStageReporter
{
    private readonly Lock gate = new();
    private readonly List<(string Key, double Value, long? Step)> metrics = [];
    private readonly Dictionary<string, double> summaries = [];
    private readonly Dictionary<string, string> parameters = [];
    private readonly List<ProgressUpdate> progress = [];

    public Action<string, double, long?>? OnMetric { get; init; }

    public IReadOnlyList<(string Key, double Value, long? Step)> Metrics
    {
        get
        {
            lock (gate)
            {
                return [.. metrics];
            }
        }
    }

    public IReadOnlyDictionary<string, double> Summaries
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, double>(summaries);
            }
        }
    }

    public IReadOnlyDictionary<string, string> Params
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, string>(parameters);
            }
        }
    }

    public IReadOnlyList<ProgressUpdate> ProgressUpdates
    {
        get
        {
            lock (gate)
            {
                return [.. progress];
            }
        }
    }

    public IReadOnlyList<(double Value, long? Step)> Metric(string key) =>
        Metrics.Where(m => m.Key == key).Select(m => (m.Value, m.Step)).ToList();

    public void LogMetric(string key, double value, long? step = null)
    {
        lock (gate)
        {
            metrics.Add((key, value, step));
        }
        OnMetric?.Invoke(key, value, step);
    }

    public void LogSummary(string key, double value)
    {
        lock (gate)
        {
            summaries[key] = value;
        }
    }

    public void LogParam(string key, string value)
    {
        lock (gate)
        {
            parameters[key] = value;
        }
    }

    public void LogArtifact(string localPath, string? artifactPath = null)
    {
    }

    public void Progress(ProgressUpdate update)
    {
        lock (gate)
        {
            progress.Add(update);
        }
    }
}
