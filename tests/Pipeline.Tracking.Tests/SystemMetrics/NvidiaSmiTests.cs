using Pipeline.Tracking.SystemMetrics;

namespace Pipeline.Tracking.Tests.SystemMetrics;

/// <summary>
/// nvidia-smi's CSV becomes MLflow's GPU metrics (outputs in its format: there is no GPU here), a real process standing
/// in for nvidia-smi is read, and one that is missing, fails or hangs gives no GPU metrics and is not asked again.
/// </summary>
public sealed class NvidiaSmiTests : IDisposable
{
    // Written in the shape `nvidia-smi --query-gpu=utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits`
    // prints (no GPU here to record from): two 80 GB H100s (81559 MiB each; one busy, one idle), and a GPU in MIG
    // mode, for which the driver reports no utilisation ("[N/A]").
    private const string TwoGpus = "87, 61234, 81559\n0, 4, 81559\n";
    private const string MigGpu = "[N/A], 13, 40960\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("nvidia-smi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_line_is_one_gpu_in_index_order_with_memory_in_megabytes_and_percent_of_total()
    {
        var gpus = NvidiaSmi.Parse(TwoGpus);

        Assert.Equal(2, gpus.Count);
        Assert.Equal(new GpuReading(0, 87, Math.Round(61234 * 1.048576, 1), Math.Round(100.0 * 61234 / 81559, 1)), gpus[0]);
        Assert.Equal(new GpuReading(1, 0, Math.Round(4 * 1.048576, 1), 0.0), gpus[1]);
    }

    [Fact]
    public void A_field_the_driver_does_not_report_is_left_out_and_the_rest_kept()
    {
        var gpu = Assert.Single(NvidiaSmi.Parse(MigGpu));

        Assert.Null(gpu.UtilizationPercent);
        Assert.Equal(13.6, gpu.MemoryUsedMegabytes);
        var sample = new SystemMetricsSample(null, null, null, null) { Gpus = [gpu] };
        Assert.Equal(
            ["system/gpu_0_memory_usage_megabytes", "system/gpu_0_memory_usage_percentage"],
            sample.Metrics().Select(m => m.Key));
    }

    [Fact]
    public void Gpu_readings_carry_mlflows_metric_names()
    {
        var sample = new SystemMetricsSample(null, null, null, null) { Gpus = NvidiaSmi.Parse(TwoGpus) };

        Assert.Equal(
            [
                "system/gpu_0_utilization_percentage", "system/gpu_0_memory_usage_megabytes", "system/gpu_0_memory_usage_percentage",
                "system/gpu_1_utilization_percentage", "system/gpu_1_memory_usage_megabytes", "system/gpu_1_memory_usage_percentage",
            ],
            sample.Metrics().Select(m => m.Key));
    }

    [Fact]
    public void An_executable_answering_as_nvidia_smi_does_is_read()
    {
        var smi = new NvidiaSmi(Script("nvidia-smi", $"printf '{TwoGpus.Replace("\n", "\\n", StringComparison.Ordinal)}'"));

        Assert.Equal(NvidiaSmi.Parse(TwoGpus), smi.Read());
        Assert.True(smi.Available);
    }

    [Fact]
    public void A_failing_or_hanging_nvidia_smi_gives_nothing_and_is_not_run_again()
    {
        var marker = Path.Combine(_folder, "runs");
        var failing = new NvidiaSmi(Script("failing", $"echo run >> {marker}; echo 'NVIDIA-SMI has failed' >&2; exit 9"));
        Assert.Empty(failing.Read());
        Assert.Empty(failing.Read());
        Assert.False(failing.Available);
        Assert.Single(File.ReadAllLines(marker));

        var hanging = new NvidiaSmi(Script("hanging", "exec sleep 60"), TimeSpan.FromMilliseconds(200));
        Assert.Empty(hanging.Read());
        Assert.False(hanging.Available);
    }

    [Fact]
    public void Without_nvidia_smi_there_are_no_readings()
    {
        var missing = new NvidiaSmi(Path.Combine(_folder, "no-such-nvidia-smi"));

        Assert.Empty(missing.Read());
        Assert.False(missing.Available);
    }

    private string Script(string name, string body)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
