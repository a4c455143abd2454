using System.Diagnostics;

namespace Pipeline.Bench;

/// <summary>Runs an action several times and reports the median wall time and the managed memory it allocated.</summary>
public static class Measure
{
    /// <summary>Median seconds of <paramref name="runs"/> runs, and the bytes allocated by the last run.</summary>
    public static (double Seconds, long AllocatedBytes) Median(int runs, Action action)
    {
        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        times.Sort();
        return (times[times.Count / 2], allocated);
    }

    /// <summary>Peak resident memory of this process in MB (VmHWM).</summary>
    public static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
