namespace Pipeline.Tracking.SystemMetrics;

/// <summary>Reads the machine's CPU and memory use.</summary>
public interface ISystemMetricsSource
{
    /// <summary>A reading now; CPU use is over the time since the previous call (the first call primes it and may give null).</summary>
    SystemMetricsSample Sample();
}
