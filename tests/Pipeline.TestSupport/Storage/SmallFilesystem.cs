using System.Diagnostics;

namespace Pipeline.TestSupport.Storage;

/// <summary>
/// A real, tiny filesystem (a tmpfs of a few MiB mounted on a fresh temp folder) to fill up in tests of disk-space
/// checks and full disks. Needs root (see <see cref="SmallFilesystemFactAttribute"/>); unmounted and deleted on dispose.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> bytes.</summary>
    public SmallFilesystem(long bytes)
    {
        Path = Directory.CreateTempSubdirectory("small-fs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", Path);
    }

    /// <summary>Where the filesystem is mounted.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }
    }
}
