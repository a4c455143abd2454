using System.Globalization;

namespace Pipeline.Tracking.SystemMetrics;

/// <summary>
/// Readings from Linux's <c>/proc/stat</c>, <c>/proc/meminfo</c> and <c>/proc/net/dev</c> (the numbers psutil gives
/// MLflow: CPU busy share, used = total - available, bytes over every interface), statvfs of a folder for the disk,
/// and nvidia-smi for GPUs when the machine has one; elsewhere only the process's own memory and the disk.
/// </summary>
public sealed class ProcSystemMetricsSource : ISystemMetricsSource
{
    private readonly string? _diskFolder;
    private readonly NvidiaSmi? _gpus;
    private (ulong Busy, ulong Total)? _previous;

    /// <summary>Reads CPU, memory and network; the disk of <paramref name="diskFolder"/> and <paramref name="gpus"/> when given.</summary>
    public ProcSystemMetricsSource(string? diskFolder = null, NvidiaSmi? gpus = null)
    {
        _diskFolder = diskFolder;
        _gpus = gpus;
    }

    /// <inheritdoc />
    public SystemMetricsSample Sample()
    {
        double? cpu = null;
        if (CpuTimes() is { } now)
        {
            if (_previous is { } before && now.Total > before.Total)
            {
                cpu = Math.Round(100.0 * (now.Busy - before.Busy) / (now.Total - before.Total), 1);
            }

            _previous = now;
        }

        double? usedMb = null, usedPercent = null;
        if (MemoryKilobytes() is { } memory && memory.Total > 0)
        {
            var used = memory.Total - memory.Available;
            usedMb = Math.Round(used * 1024 / 1e6, 1);
            usedPercent = Math.Round(100.0 * used / memory.Total, 1);
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new SystemMetricsSample(cpu, usedMb, usedPercent, Math.Round(self.WorkingSet64 / 1e6, 1))
        {
            Disk = _diskFolder is null ? null : DiskReading.Of(_diskFolder),
            Network = NetworkReading.FromProc(),
            Gpus = _gpus?.Read() ?? [],
        };
    }

    private static (ulong Busy, ulong Total)? CpuTimes()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            if (line is null)
            {
                return null;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => ulong.Parse(f, CultureInfo.InvariantCulture)).ToArray();

            // user nice system idle iowait irq softirq steal (guest times are already inside user and nice).
            var total = fields.Take(8).Aggregate(0UL, (a, b) => a + b);
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static (double Total, double Available)? MemoryKilobytes()
    {
        try
        {
            double? total = null, available = null;
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0] == "MemTotal:")
                {
                    total = double.Parse(parts[1], CultureInfo.InvariantCulture);
                }
                else if (parts.Length >= 2 && parts[0] == "MemAvailable:")
                {
                    available = double.Parse(parts[1], CultureInfo.InvariantCulture);
                }
            }

            return total is { } t && available is { } a ? (t, a) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
