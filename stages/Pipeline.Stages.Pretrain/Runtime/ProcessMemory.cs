using System.Globalization;
using System.Runtime.InteropServices;

namespace Pipeline.Stages.Pretrain.Runtime;

/// <summary>
/// Resident memory of this process, and a way to hand freed native memory back to the OS. libtorch frees a
/// step's tensors with glibc's <c>free</c>, which keeps the pages in per-thread arenas; trimming at an epoch
/// boundary returns them so RSS tracks what is really live.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS from <c>/proc/self/status</c> in MiB, or the working set where procfs is absent.</summary>
    public static double ResidentMegabytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        return Environment.WorkingSet / (1024.0 * 1024.0);
    }

    /// <summary>Peak resident memory (VmHWM) in MiB, or 0 where procfs is absent.</summary>
    public static double PeakResidentMegabytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return 0;
        }
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return 0;
    }

    /// <summary>Returns free heap pages to the OS (glibc <c>malloc_trim</c>); does nothing off glibc.</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (DllNotFoundException)
        {
            // musl and other C libraries have no malloc_trim.
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
