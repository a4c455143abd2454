namespace Pipeline.Tracking.SystemMetrics;

/// <summary>System metrics sampling for stage runs: where readings come from and how often (MLflow's default is 10 s).</summary>
public sealed record SystemMetricsOptions(ISystemMetricsSource Source, TimeSpan Interval)
{
    /// <summary>Linux /proc readings every 5 seconds.</summary>
    public static SystemMetricsOptions Default => new(new ProcSystemMetricsSource(), TimeSpan.FromSeconds(5));
}
