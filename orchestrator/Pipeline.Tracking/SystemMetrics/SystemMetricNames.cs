namespace Pipeline.Tracking.SystemMetrics;

/// <summary>
/// Metric names of MLflow's system metrics (2.17: <c>mlflow/system_metrics/metrics/cpu_monitor.py</c> with the
/// <c>system/</c> prefix), so the run page's System metrics tab shows them; process memory is ours, named alike.
/// </summary>
public static class SystemMetricNames
{
    /// <summary>The prefix MLflow's UI groups system metrics by.</summary>
    public const string Prefix = "system/";

    /// <summary>Whole-machine CPU utilisation, percent.</summary>
    public const string CpuUtilization = "system/cpu_utilization_percentage";

    /// <summary>Memory in use on the machine, MB (10^6 bytes, as MLflow).</summary>
    public const string SystemMemoryMegabytes = "system/system_memory_usage_megabytes";

    /// <summary>Memory in use on the machine, percent.</summary>
    public const string SystemMemoryPercentage = "system/system_memory_usage_percentage";

    /// <summary>Resident memory of the orchestrator process, MB.</summary>
    public const string ProcessMemoryMegabytes = "system/process_memory_usage_megabytes";
}
