namespace Pipeline.Stages.Abstractions;

/// <summary>Where a stage reports what it did. Events go to the console and to the run tracker (MLflow).</summary>
public interface IStageReporter
{
    /// <summary>A metric point; <paramref name="step"/> null means a single value (the step is then 0).</summary>
    void LogMetric(string key, double value, long? step = null);

    /// <summary>A summary metric: logged like a metric and copied to the parent run as <c>stage.key</c>.</summary>
    void LogSummary(string key, double value);

    /// <summary>A param the stage derived at run time (the declared params are logged by the engine).</summary>
    void LogParam(string key, string value);

    /// <summary>A file to attach to the run; <paramref name="artifactPath"/> is the folder inside the run's artifacts.</summary>
    void LogArtifact(string localPath, string? artifactPath = null);

    /// <summary>Progress of long work: shown as a bar on a terminal and as plain lines in CI.</summary>
    void Progress(ProgressUpdate update);
}
