using System.Globalization;

namespace Pipeline.Tracking.SystemMetrics;

/// <summary>
/// Metric names of MLflow's system metrics (2.17.2: <c>mlflow/system_metrics/metrics/cpu_monitor.py</c>,
/// <c>disk_monitor.py</c>, <c>network_monitor.py</c>, <c>gpu_monitor.py</c>, each with the <c>system/</c> prefix), so
/// the run page's System metrics tab shows them. One is ours, not MLflow's: <see cref="ProcessMemoryMegabytes"/>
/// (MLflow has no per-process metric); it is named alike so it shows in the same tab.
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

    /// <summary>Resident memory of the orchestrator process, MB. Ours, not MLflow's.</summary>
    public const string ProcessMemoryMegabytes = "system/process_memory_usage_megabytes";

    /// <summary>Disk in use, percent (MLflow measures the root file system; we measure the artifacts folder's).</summary>
    public const string DiskUsagePercentage = "system/disk_usage_percentage";

    /// <summary>Disk in use, MB.</summary>
    public const string DiskUsageMegabytes = "system/disk_usage_megabytes";

    /// <summary>Disk available, MB.</summary>
    public const string DiskAvailableMegabytes = "system/disk_available_megabytes";

    /// <summary>MB received over the network (all interfaces, as psutil counts) since sampling started.</summary>
    public const string NetworkReceiveMegabytes = "system/network_receive_megabytes";

    /// <summary>MB sent over the network (all interfaces, as psutil counts) since sampling started.</summary>
    public const string NetworkTransmitMegabytes = "system/network_transmit_megabytes";

    /// <summary>Utilisation of GPU <paramref name="index"/>, percent.</summary>
    public static string GpuUtilization(int index) => string.Create(CultureInfo.InvariantCulture, $"system/gpu_{index}_utilization_percentage");

    /// <summary>Memory in use on GPU <paramref name="index"/>, MB.</summary>
    public static string GpuMemoryMegabytes(int index) => string.Create(CultureInfo.InvariantCulture, $"system/gpu_{index}_memory_usage_megabytes");

    /// <summary>Memory in use on GPU <paramref name="index"/>, percent of its total.</summary>
    public static string GpuMemoryPercentage(int index) => string.Create(CultureInfo.InvariantCulture, $"system/gpu_{index}_memory_usage_percentage");
}
