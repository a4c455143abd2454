using Pipeline.Engine.Caching;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>Which tracking run computed a cache key: <c>artifacts/tracking/&lt;key&gt;</c> holds its run id.</summary>
public static class TrackingIndex
{
    /// <summary>The tracking run id that computed <paramref name="key"/>, or null.</summary>
    public static string? Read(ArtifactStore store, string key)
    {
        var path = PathOf(store, key);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>Records that <paramref name="runId"/> computed <paramref name="key"/>.</summary>
    public static void Write(ArtifactStore store, string key, string runId) => AtomicFile.WriteAllText(PathOf(store, key), runId);

    private static string PathOf(ArtifactStore store, string key) => Path.Combine(store.Root, "tracking", key);
}
