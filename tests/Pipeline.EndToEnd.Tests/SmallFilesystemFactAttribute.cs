namespace Pipeline.EndToEnd.Tests;

/// <summary>A test that mounts a <see cref="Pipeline.TestSupport.Storage.SmallFilesystem"/>: skipped, saying why, unless the tests run as root on Linux.</summary>
public sealed class SmallFilesystemFactAttribute : FactAttribute
{
    public SmallFilesystemFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "mounting a small tmpfs to fill needs root on Linux";
        }
    }
}
