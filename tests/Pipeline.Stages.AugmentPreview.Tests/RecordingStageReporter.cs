using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.AugmentPreview.Tests;

/// <summary>Keeps the artifacts and params a stage reports.</summary>
internal sealed class RecordingStageReporter : IStageReporter
{
    public List<(string Path, string? Folder)> Artifacts { get; } = [];

    public Dictionary<string, string> Params { get; } = [];

    public void LogMetric(string key, double value, long? step = null)
    {
    }

    public void LogSummary(string key, double value)
    {
    }

    public void LogParam(string key, string value) => Params[key] = value;

    public void LogArtifact(string localPath, string? artifactPath = null) => Artifacts.Add((localPath, artifactPath));

    public void Progress(ProgressUpdate update)
    {
    }
}
