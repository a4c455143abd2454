namespace Pipeline.Tracking.SystemMetrics;

/// <summary>System metrics sampling for stage runs: where readings come from and how often (MLflow's default is 10 s).</summary>
public sealed record SystemMetricsOptions(ISystemMetricsSource Source, TimeSpan Interval)
{
    /// <summary>Linux /proc readings (disk: the file system of <paramref name="artifactsFolder"/>) and nvidia-smi's, every 5 seconds.</summary>
    public static SystemMetricsOptions ForArtifacts(string artifactsFolder) =>
        new(new ProcSystemMetricsSource(artifactsFolder, new NvidiaSmi()), TimeSpan.FromSeconds(5));
}
