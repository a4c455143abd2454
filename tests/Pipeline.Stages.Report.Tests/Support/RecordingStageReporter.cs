using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Keeps the artifacts a stage logs so tests can assert on them.</summary>
public sealed class RecordingStageReporter : IStageReporter
{
    private readonly Lock _gate = new();
    private readonly List<(string Path, string? ArtifactPath)> _artifacts = [];

    public IReadOnlyList<(string Path, string? ArtifactPath)> Artifacts
    {
        get
        {
            lock (_gate)
            {
                return [.. _artifacts];
            }
        }
    }

    public void LogMetric(string key, double value, long? step = null)
    {
    }

    public void LogSummary(string key, double value)
    {
    }

    public void LogParam(string key, string value)
    {
    }

    public void LogArtifact(string localPath, string? artifactPath = null)
    {
        lock (_gate)
        {
            _artifacts.Add((localPath, artifactPath));
        }
    }

    public void Progress(ProgressUpdate update)
    {
    }
}
