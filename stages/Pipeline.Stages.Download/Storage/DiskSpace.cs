using System.Globalization;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Storage;

/// <summary>Free space checks before writing, and a full disk turned into one clean error: which path, how much was needed.</summary>
public static class DiskSpace
{
    /// <summary>Bytes free to this user on the filesystem holding <paramref name="path"/> (or its nearest existing parent).</summary>
    public static long Available(string path)
    {
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        return new DriveInfo(existing).AvailableFreeSpace;
    }

    /// <summary>Throws a <see cref="StageFailedException"/> when fewer than <paramref name="bytes"/> are free where <paramref name="path"/> is written.</summary>
    public static void Require(string path, long bytes, string what)
    {
        var free = Available(path);
        if (free < bytes)
        {
            throw new StageFailedException(Message(path, bytes, free, what));
        }
    }

    /// <summary>Whether <paramref name="exception"/> means the disk (or the user's quota) is full.</summary>
    public static bool IsFull(IOException exception) =>
        (exception.HResult & 0xFFFF) is 28 or 122 or 0x70 or 0x27 // ENOSPC, EDQUOT (Linux); ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
        || exception.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);

    /// <summary>The error for a full disk met while writing <paramref name="path"/>, which needed <paramref name="bytes"/> more (null: unknown).</summary>
    public static StageFailedException Full(string path, long? bytes, string what, IOException exception) =>
        bytes is { } needed and > 0
            ? new(Message(path, needed, SafeAvailable(path), what) + " (the disk filled up while writing)", exception)
            : new(string.Create(CultureInfo.InvariantCulture,
                $"not enough disk space for {what}: the disk filled up while writing {path} ({Size(Length(path))} written, {Size(SafeAvailable(path))} free); free some space (or use another --artifacts folder) and run again"), exception);

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string Message(string path, long bytes, long free, string what) =>
        string.Create(CultureInfo.InvariantCulture,
            $"not enough disk space for {what}: {path} needs {Size(bytes)} but only {Size(free)} is free there; free some space (or use another --artifacts folder) and run again");

    private static long SafeAvailable(string path)
    {
        try
        {
            return Available(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB ({bytes:N0} bytes)"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB ({bytes:N0} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };
}
