namespace Pipeline.Tracking.SystemMetrics;

/// <summary>One reading; a value the platform cannot give is null and is not logged.</summary>
public sealed record SystemMetricsSample(double? CpuPercent, double? MemoryMegabytes, double? MemoryPercent, double? ProcessMegabytes)
{
    /// <summary>The readings under MLflow's metric names.</summary>
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
    }
}
