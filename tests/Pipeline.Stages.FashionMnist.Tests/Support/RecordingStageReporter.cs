using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.FashionMnist.Tests.Support;

/// <summary>Keeps everything a stage reports so tests can assert on it.</summary>
public sealed class RecordingStageReporter : IStageReporter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _summaries = [];
    private readonly Dictionary<string, string> _params = [];
    private readonly List<ProgressUpdate> _progress = [];

    /// <summary>Called after each progress update is recorded (tests use it to cancel mid-run).</summary>
    public Action<ProgressUpdate>? OnProgress { get; set; }

    public IReadOnlyDictionary<string, double> Summaries
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, double>(_summaries);
            }
        }
    }

    public IReadOnlyDictionary<string, string> Params
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_params);
            }
        }
    }

    public IReadOnlyList<ProgressUpdate> ProgressUpdates
    {
        get
        {
            lock (_gate)
            {
                return [.. _progress];
            }
        }
    }

    public void LogMetric(string key, double value, long? step = null)
    {
    }

    public void LogSummary(string key, double value)
    {
        lock (_gate)
        {
            _summaries[key] = value;
        }
    }

    public void LogParam(string key, string value)
    {
        lock (_gate)
        {
            _params[key] = value;
        }
    }

    public void LogArtifact(string localPath, string? artifactPath = null)
    {
    }

    public void Progress(ProgressUpdate update)
    {
        lock (_gate)
        {
            _progress.Add(update);
        }

        OnProgress?.Invoke(update);
    }
}
