namespace Pipeline.Tracking.SystemMetrics;

/// <summary>One reading; a value the platform cannot give is null (or absent) and is not logged.</summary>
public sealed record SystemMetricsSample(double? CpuPercent, double? MemoryMegabytes, double? MemoryPercent, double? ProcessMegabytes)
{
    /// <summary>Space on the file system of the artifacts folder.</summary>
    public DiskReading? Disk { get; init; }

    /// <summary>Network counters: since boot from a source, since the sampler started once it hands them on.</summary>
    public NetworkReading? Network { get; init; }

    /// <summary>One reading per NVIDIA GPU; empty without one.</summary>
    public IReadOnlyList<GpuReading> Gpus { get; init; } = [];

    /// <summary>This reading with its network traffic counted from <paramref name="start"/>'s (as MLflow counts from the run's start).</summary>
    public SystemMetricsSample WithNetworkSince(SystemMetricsSample start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return this with { Network = Network is { } now && start.Network is { } then ? now.Since(then) : null };
    }

    /// <summary>The readings under MLflow's metric names (and our process memory, see <see cref="SystemMetricNames"/>).</summary>
    public IEnumerable<(string Key, double Value)> Metrics()
    {
        if (CpuPercent is { } cpu)
        {
            yield return (SystemMetricNames.CpuUtilization, cpu);
        }

        if (MemoryMegabytes is { } megabytes)
        {
            yield return (SystemMetricNames.SystemMemoryMegabytes, megabytes);
        }

        if (MemoryPercent is { } percent)
        {
            yield return (SystemMetricNames.SystemMemoryPercentage, percent);
        }

        if (ProcessMegabytes is { } process)
        {
            yield return (SystemMetricNames.ProcessMemoryMegabytes, process);
        }

        if (Disk is { } disk)
        {
            yield return (SystemMetricNames.DiskUsagePercentage, disk.UsedPercent);
            yield return (SystemMetricNames.DiskUsageMegabytes, disk.UsedMegabytes);
            yield return (SystemMetricNames.DiskAvailableMegabytes, disk.AvailableMegabytes);
        }

        if (Network is { } network)
        {
            yield return (SystemMetricNames.NetworkReceiveMegabytes, network.ReceivedMegabytes);
            yield return (SystemMetricNames.NetworkTransmitMegabytes, network.TransmittedMegabytes);
        }

        foreach (var gpu in Gpus)
        {
            if (gpu.UtilizationPercent is { } utilization)
            {
                yield return (SystemMetricNames.GpuUtilization(gpu.Index), utilization);
            }

            if (gpu.MemoryUsedMegabytes is { } used)
            {
                yield return (SystemMetricNames.GpuMemoryMegabytes(gpu.Index), used);
            }

            if (gpu.MemoryPercent is { } share)
            {
                yield return (SystemMetricNames.GpuMemoryPercentage(gpu.Index), share);
            }
        }
    }
}
