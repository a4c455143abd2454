using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Execution;

/// <summary>The stage reporter: turns each call into a <see cref="StageEvent"/> for a sink (stdout in a stage process).</summary>
public sealed class EventReporter : IStageReporter
{
    private readonly Action<StageEvent> _sink;

    /// <summary>Creates a reporter that hands events to <paramref name="sink"/>.</summary>
    public EventReporter(Action<StageEvent> sink) => _sink = sink;

    /// <inheritdoc />
    public void LogMetric(string key, double value, long? step = null) =>
        _sink(new StageEvent { Kind = StageEventKind.Metric, Key = key, Value = value, Step = step });

    /// <inheritdoc />
    public void LogSummary(string key, double value) =>
        _sink(new StageEvent { Kind = StageEventKind.Summary, Key = key, Value = value });

    /// <inheritdoc />
    public void LogParam(string key, string value) =>
        _sink(new StageEvent { Kind = StageEventKind.Param, Key = key, Text = value });

    /// <inheritdoc />
    public void LogArtifact(string localPath, string? artifactPath = null) =>
        _sink(new StageEvent { Kind = StageEventKind.Artifact, Key = Path.GetFullPath(localPath), Text = artifactPath });

    /// <inheritdoc />
    public void Progress(ProgressUpdate update) =>
        _sink(new StageEvent { Kind = StageEventKind.Progress, Key = update.Phase, Value = update.Done, Total = update.Total, Text = update.Unit, Detail = update.Detail });
}
