namespace Pipeline.Tracking.SystemMetrics;

/// <summary>Space on the file system holding a folder, as psutil's <c>disk_usage</c> gives it to MLflow, MB and percent.</summary>
public sealed record DiskReading(double UsedMegabytes, double AvailableMegabytes, double UsedPercent)
{
    /// <summary>
    /// Reads the file system of <paramref name="folder"/> (statvfs): used = total - free, available = what an
    /// unprivileged user may still write, percent = used / (used + available). Null when it cannot be read.
    /// </summary>
    public static DiskReading? Of(string folder)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(folder));
            var used = (double)(drive.TotalSize - drive.TotalFreeSpace);
            double available = drive.AvailableFreeSpace;
            return used + available <= 0
                ? null
                : new DiskReading(Math.Round(used / 1e6, 1), Math.Round(available / 1e6, 1), Math.Round(100.0 * used / (used + available), 1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
