namespace Pipeline.Tracking.FileStore;

/// <summary>Reads a file-store run folder back into a <see cref="TrackedRunInfo"/>.</summary>
internal static class RunReader
{
    public static TrackedRunInfo? Read(FileStoreLayout layout, string experimentId, string runId)
    {
        if (RunMeta.TryRead(layout.RunMeta(experimentId, runId)) is not { } meta)
        {
            return null;
        }

        var run = layout.Run(experimentId, runId);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, file) in Entries(Path.Combine(run, "metrics")))
        {
            var points = MetricLine.ReadFile(file, key);
            if (points.Count > 0)
            {
                metrics[key] = points.MaxBy(p => (p.Step, p.TimestampMs)).Value;
            }
        }

        return new TrackedRunInfo(
            meta.RunId,
            meta.ExperimentId,
            meta.RunName,
            meta.Status,
            meta.StartTime,
            meta.EndTime,
            meta.ArtifactUri,
            metrics,
            Entries(Path.Combine(run, "params")).ToDictionary(e => e.Key, e => File.ReadAllText(e.File), StringComparer.Ordinal),
            Entries(Path.Combine(run, "tags")).ToDictionary(e => e.Key, e => File.ReadAllText(e.File), StringComparer.Ordinal));
    }

    /// <summary>(key, file) for every file under a params/tags/metrics folder; subfolders become '/' in keys.</summary>
    public static IEnumerable<(string Key, string File)> Entries(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => (Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), f));
    }
}
