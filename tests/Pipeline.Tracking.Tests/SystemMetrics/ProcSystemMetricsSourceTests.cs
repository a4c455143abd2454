using System.Diagnostics;
using System.Globalization;
using Pipeline.Tracking.SystemMetrics;

namespace Pipeline.Tracking.Tests.SystemMetrics;

/// <summary>
/// Disk and network readings on this machine's real <c>/proc</c> and file system, checked against Python's own
/// <c>os.statvfs</c> (psutil's formula); GPU metrics appear exactly when the machine has nvidia-smi.
/// </summary>
public sealed class ProcSystemMetricsSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("proc-metrics-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Disk_is_the_file_system_of_the_folder_as_psutil_computes_it()
    {
        var disk = DiskReading.Of(_folder);

        Assert.NotNull(disk);
        var (blocks, free, available) = Statvfs(_folder);
        var used = blocks - free;

        // Other processes write to this disk between the two reads: within 100 MB, a share of a percent.
        Assert.InRange(disk.UsedMegabytes, used / 1e6 - 100, used / 1e6 + 100);
        Assert.InRange(disk.AvailableMegabytes, available / 1e6 - 100, available / 1e6 + 100);
        Assert.InRange(disk.UsedPercent, 100.0 * used / (used + available) - 0.5, 100.0 * used / (used + available) + 0.5);
    }

    [Fact]
    public void Network_counters_of_proc_net_dev_are_summed_over_every_interface()
    {
        const string recorded = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 2000000    1200    0    0    0     0          0         0  2000000    1200    0    0    0     0       0          0
              eth0: 15000000   9000    0    0    0     0          0         0  500000     4000    0    0    0     0       0          0
            """;

        var reading = NetworkReading.Parse(recorded);

        Assert.Equal(new NetworkReading(17, 2.5), reading);
        Assert.Equal(new NetworkReading(1.5, 0.25), new NetworkReading(18.5, 2.75).Since(reading!));
        Assert.NotNull(NetworkReading.FromProc()); // this machine's /proc/net/dev has at least loopback
    }

    [Fact]
    public void A_sample_on_this_machine_has_mlflows_disk_and_network_metrics_and_gpu_ones_only_with_nvidia_smi()
    {
        var gpus = new NvidiaSmi();
        var source = new ProcSystemMetricsSource(_folder, gpus);
        var start = source.Sample();
        var keys = source.Sample().WithNetworkSince(start).Metrics().Select(m => m.Key).ToList();

        Assert.Contains("system/disk_usage_percentage", keys);
        Assert.Contains("system/disk_usage_megabytes", keys);
        Assert.Contains("system/disk_available_megabytes", keys);
        Assert.Contains("system/network_receive_megabytes", keys);
        Assert.Contains("system/network_transmit_megabytes", keys);
        Assert.Contains("system/process_memory_usage_megabytes", keys);
        if (gpus.Available)
        {
            Assert.Contains("system/gpu_0_utilization_percentage", keys);
        }
        else
        {
            Assert.DoesNotContain(keys, k => k.StartsWith("system/gpu_", StringComparison.Ordinal));
        }
    }

    private static (double Blocks, double Free, double Available) Statvfs(string folder)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import os, sys; s = os.statvfs(sys.argv[1]); print(s.f_blocks * s.f_frsize, s.f_bfree * s.f_frsize, s.f_bavail * s.f_frsize)");
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var fields = process.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        process.WaitForExit();
        return (fields[0], fields[1], fields[2]);
    }
}
