using System.Globalization;

namespace Pipeline.Tracking.SystemMetrics;

/// <summary>
/// Readings from Linux's <c>/proc/stat</c> and <c>/proc/meminfo</c> (the numbers psutil gives MLflow: CPU busy
/// share, used = total - available); elsewhere only the process's own memory.
/// </summary>
public sealed class ProcSystemMetricsSource : ISystemMetricsSource
{
    private (ulong Busy, ulong Total)? _previous;

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
        return new SystemMetricsSample(cpu, usedMb, usedPercent, Math.Round(self.WorkingSet64 / 1e6, 1));
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
