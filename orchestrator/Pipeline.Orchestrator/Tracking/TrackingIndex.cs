using Pipeline.Engine.Caching;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>Which tracking run computed a cache key: <c>artifacts/tracking/&lt;key&gt;</c> holds its run id.</summary>
public static class TrackingIndex
{
    /// <summary>The tracking run id that computed <paramref name="key"/>, or null.</summary>
    public static string? Read(ArtifactStore store, string key)
    {
        var path = PathOf(store.Root, key);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>Records that <paramref name="runId"/> computed <paramref name="key"/>.</summary>
    public static void Write(ArtifactStore store, string key, string runId) => AtomicFile.WriteAllText(PathOf(store.Root, key), runId);

    /// <summary>
    /// Rewrites every entry holding a spool-local id (a run tracked offline) that <paramref name="localToServer"/>
    /// maps to the server's id, so later cache hits point at a run that exists. Returns how many changed.
    /// </summary>
    public static int ReplaceLocalIds(string artifactsRoot, IReadOnlyDictionary<string, string> localToServer)
    {
        var folder = Path.Combine(artifactsRoot, "tracking");
        if (localToServer.Count == 0 || !Directory.Exists(folder))
        {
            return 0;
        }

        var changed = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (localToServer.TryGetValue(File.ReadAllText(file).Trim(), out var serverId))
            {
                AtomicFile.WriteAllText(file, serverId);
                changed++;
            }
        }

        return changed;
    }

    private static string PathOf(string artifactsRoot, string key) => Path.Combine(artifactsRoot, "tracking", key);
}
