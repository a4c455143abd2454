using Pipeline.Tracking.SystemMetrics;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>Readings from a script; each reading after the priming one releases <see cref="Sampled"/>.</summary>
internal sealed class ScriptedSystemMetrics : ISystemMetricsSource
{
    private int _calls;

    public SemaphoreSlim Sampled { get; } = new(0);

    public SystemMetricsSample Sample()
    {
        var n = Interlocked.Increment(ref _calls) - 1;
        if (n > 0)
        {
            Sampled.Release();
        }

        return new SystemMetricsSample(10 * n, 1000 + n, 50 + n, 200 + n);
    }
}
