using System.Text.Json;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Caching;

/// <summary>
/// An exclusive lock on one cache key across processes: an OS file lock (released by the kernel when its holder
/// dies, so a lock left by a killed process is taken over) plus an owner file saying which run and pid hold it.
/// </summary>
public sealed class KeyLock : IDisposable
{
    private readonly FileStream _stream;

    private KeyLock(FileStream stream, string ownerPath)
    {
        _stream = stream;
        OwnerPath = ownerPath;
    }

    /// <summary>The owner file beside the lock file.</summary>
    public string OwnerPath { get; }

    /// <summary>
    /// Waits until the lock on <paramref name="key"/> is free and takes it. <paramref name="onWait"/> is told once
    /// who holds it; <paramref name="onTakeOver"/> when the previous owner died without releasing its record.
    /// </summary>
    public static async Task<KeyLock> AcquireAsync(
        string locksDirectory,
        string key,
        LockOwner owner,
        Action<LockOwner?> onWait,
        Action<LockOwner> onTakeOver,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(locksDirectory);
        var lockPath = Path.Combine(locksDirectory, key + ".lock");
        var ownerPath = Path.Combine(locksDirectory, key + ".owner.json");
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStream? stream = null;
            try
            {
                stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!told)
                {
                    onWait(ReadOwner(ownerPath));
                    told = true;
                }

                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (ReadOwner(ownerPath) is { } previous && previous.Pid != Environment.ProcessId)
            {
                onTakeOver(previous);
            }

            AtomicFile.WriteAllBytes(ownerPath, JsonSerializer.SerializeToUtf8Bytes(owner));
            return new KeyLock(stream, ownerPath);
        }
    }

    /// <summary>Takes the lock on <paramref name="key"/> if nobody holds it; null when someone does (used by <c>gc</c>).</summary>
    public static KeyLock? TryAcquire(string locksDirectory, string key, LockOwner owner)
    {
        Directory.CreateDirectory(locksDirectory);
        var lockPath = Path.Combine(locksDirectory, key + ".lock");
        var ownerPath = Path.Combine(locksDirectory, key + ".owner.json");
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            AtomicFile.WriteAllBytes(ownerPath, JsonSerializer.SerializeToUtf8Bytes(owner));
            return new KeyLock(stream, ownerPath);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads the owner record, or null.</summary>
    public static LockOwner? ReadOwner(string ownerPath)
    {
        try
        {
            return File.Exists(ownerPath) ? JsonSerializer.Deserialize<LockOwner>(File.ReadAllBytes(ownerPath)) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>Removes the owner record, then releases the OS lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(OwnerPath);
        }
        catch (IOException)
        {
            // Best effort: a stale owner record is harmless once the OS lock is free.
        }

        _stream.Dispose();
    }
}
