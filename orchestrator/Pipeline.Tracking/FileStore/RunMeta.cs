using System.Globalization;
using Pipeline.Tracking.Io;

namespace Pipeline.Tracking.FileStore;

/// <summary>A run's meta.yaml, with exactly the fields MLflow's file store writes.</summary>
internal sealed record RunMeta(
    string RunId,
    string ExperimentId,
    string RunName,
    string UserId,
    RunStatus Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri)
{
    public void Write(string path) =>
        AtomicFile.WriteAllText(path, MetaYaml.Write(
        [
            new("artifact_uri", ArtifactUri),
            new("end_time", EndTime),
            new("entry_point_name", string.Empty),
            new("experiment_id", ExperimentId),
            new("lifecycle_stage", "active"),
            new("run_id", RunId),
            new("run_name", RunName),
            new("run_uuid", RunId),
            new("source_name", string.Empty),
            new("source_type", 4),
            new("source_version", string.Empty),
            new("start_time", StartTime),
            new("status", (int)Status),
            new("tags", MetaYaml.EmptyList),
            new("user_id", UserId),
        ]));

    public static RunMeta? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var f = MetaYaml.Read(File.ReadAllText(path));
        var runId = f.GetValueOrDefault("run_id") ?? f.GetValueOrDefault("run_uuid");
        if (runId is null || f.GetValueOrDefault("experiment_id") is not { } experimentId)
        {
            return null;
        }

        return new RunMeta(
            runId,
            experimentId,
            f.GetValueOrDefault("run_name") ?? string.Empty,
            f.GetValueOrDefault("user_id") ?? string.Empty,
            int.TryParse(f.GetValueOrDefault("status"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) ? (RunStatus)status : RunStatus.Running,
            long.TryParse(f.GetValueOrDefault("start_time"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 0,
            long.TryParse(f.GetValueOrDefault("end_time"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var end) ? end : null,
            f.GetValueOrDefault("artifact_uri") ?? string.Empty);
    }
}
