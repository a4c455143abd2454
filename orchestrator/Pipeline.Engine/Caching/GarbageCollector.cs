using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;

namespace Pipeline.Engine.Caching;

/// <summary>
/// <c>gc</c> (after DVC's): keeps the cache entries and checkpoints of the keys given (the current keys of the
/// pipelines named, and of the last N runs) and those of runs still alive, and removes everything else: other
/// entries, their checkpoints, damaged entries, staging folders and executor files of finished runs, and lock
/// files nobody holds. A key whose lock is held by a live run is never touched.
/// </summary>
public sealed class GarbageCollector
{
    private readonly ArtifactStore _store;
    private readonly TimeProvider _clock;

    /// <summary>Creates a collector over <paramref name="store"/>.</summary>
    public GarbageCollector(ArtifactStore store, TimeProvider? clock = null)
    {
        _store = store;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>What <see cref="Collect"/> would remove, without removing it.</summary>
    public IReadOnlyList<GcItem> Plan(IReadOnlySet<string> keep)
    {
        var live = StaleRuns.All(_store.Root).Where(StaleRuns.IsLive).ToList();
        var liveRuns = live.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        var liveKeys = live.SelectMany(r => r.Stages).Select(s => s.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        bool Kept(string key) => keep.Contains(key) || liveKeys.Contains(key);

        var items = new List<GcItem>();
        foreach (var entry in Children(_store.CacheDirectory, directories: true))
        {
            var key = Path.GetFileName(entry);
            if (!Kept(key))
            {
                items.Add(new GcItem(GcKind.Entry, entry, key, SizeOf(entry)));
            }
        }

        var checkpoints = Path.Combine(_store.Root, "checkpoints");
        foreach (var path in Children(checkpoints, directories: null))
        {
            var key = Path.GetFileName(path).Split('.')[0];
            var emptyFolder = Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any();
            var processLock = path.EndsWith(".process.lock", StringComparison.Ordinal) || path.EndsWith(".process.owner.json", StringComparison.Ordinal);
            if (!Kept(key) || emptyFolder || (processLock && !Directory.Exists(Path.Combine(checkpoints, key))))
            {
                items.Add(new GcItem(GcKind.Checkpoint, path, key, SizeOf(path)));
            }
        }

        foreach (var path in Children(_store.DamagedDirectory, directories: null))
        {
            items.Add(new GcItem(GcKind.Damaged, path, Path.GetFileName(path).Split('.')[0], SizeOf(path)));
        }

        foreach (var path in Children(_store.StagingDirectory, directories: null))
        {
            var name = Path.GetFileName(path);
            if (!liveRuns.Any(run => name.Contains("." + run, StringComparison.Ordinal)))
            {
                items.Add(new GcItem(Directory.Exists(path) ? GcKind.Staging : GcKind.ExecutorFile, path, name.Split('.')[0], SizeOf(path)));
            }
        }

        foreach (var path in Children(_store.LocksDirectory, directories: false).Where(p => p.EndsWith(".lock", StringComparison.Ordinal)))
        {
            var key = Path.GetFileName(path).Split('.')[0];
            if (!liveKeys.Contains(key))
            {
                items.Add(new GcItem(GcKind.Lock, path, key, SizeOf(path)));
            }
        }

        return items;
    }

    /// <summary>Removes what <see cref="Plan"/> lists, each under its key's lock; returns what was removed.</summary>
    public IReadOnlyList<GcItem> Collect(IReadOnlySet<string> keep, Action<GcItem, bool>? onItem = null)
    {
        var owner = new LockOwner("gc", Environment.ProcessId, Environment.MachineName, "gc", _clock.GetUtcNow());
        var removed = new List<GcItem>();
        foreach (var group in Plan(keep).GroupBy(i => i.Key, StringComparer.Ordinal))
        {
            using var keyLock = KeyLock.TryAcquire(_store.LocksDirectory, group.Key, owner);
            foreach (var item in group)
            {
                var done = keyLock is not null && TryRemove(item);
                onItem?.Invoke(item, done);
                if (done)
                {
                    removed.Add(item);
                }
            }

            if (keyLock is not null)
            {
                // Taking the lock created its file if there was none: removed while we hold it, so gc leaves no
                // lock file behind; a run that needs the key later creates a new one.
                TryRemove(new GcItem(GcKind.Lock, Path.Combine(_store.LocksDirectory, group.Key + ".lock"), group.Key, 0));
            }
        }

        return removed;
    }

    private static bool TryRemove(GcItem item)
    {
        try
        {
            if (Directory.Exists(item.Path))
            {
                Directory.Delete(item.Path, recursive: true);
            }
            else
            {
                File.Delete(item.Path);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static List<string> Children(string directory, bool? directories)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var all = directories switch
        {
            true => Directory.EnumerateDirectories(directory),
            false => Directory.EnumerateFiles(directory),
            null => Directory.EnumerateFileSystemEntries(directory),
        };
        return all.Order(StringComparer.Ordinal).ToList();
    }

    private static long SizeOf(string path) =>
        Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : File.Exists(path) ? new FileInfo(path).Length : 0;
}
