namespace Pipeline.Engine.Caching;

/// <summary>
/// <c>verify</c>: re-hashes every file of every cache entry against its manifest (SHA-256) and moves damaged entries
/// to <c>damaged/</c>, so no run uses them. <c>plan</c> and cache hits only compare sizes and mtimes.
/// </summary>
public static class CacheVerifier
{
    /// <summary>Verifies every entry; <paramref name="onEntry"/> is told each result (index, count, key, check, bytes).</summary>
    public static IReadOnlyList<(string Key, CacheCheck Check, string? MovedTo)> VerifyAll(
        ArtifactStore store, Action<int, int, string, CacheCheck, long>? onEntry = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(store.CacheDirectory))
        {
            return [];
        }

        var keys = Directory.EnumerateDirectories(store.CacheDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var results = new List<(string, CacheCheck, string?)>();
        for (var i = 0; i < keys.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = keys[i];
            var check = store.Verify(key);
            var bytes = check.Manifest?.Outputs.Values.Sum(o => o.Files.Sum(f => f.Size)) ?? 0;
            string? movedTo = null;
            if (check.State == CacheState.Damaged)
            {
                movedTo = store.MoveAside(key);
            }

            onEntry?.Invoke(i + 1, keys.Count, key, check, bytes);
            results.Add((key, check, movedTo));
        }

        return results;
    }
}
