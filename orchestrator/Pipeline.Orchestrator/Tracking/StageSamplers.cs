using System.Collections.Concurrent;
using Pipeline.Tracking.SystemMetrics;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>One system-metrics sampler per running stage: started with the stage, stopped before its end is queued.</summary>
internal sealed class StageSamplers : IAsyncDisposable
{
    private readonly SystemMetricsOptions? _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SystemMetricsSampler> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SystemMetricsSampler> _stopped = new();

    public StageSamplers(SystemMetricsOptions? options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Starts sampling for <paramref name="stageId"/> (nothing when system metrics are off).</summary>
    public void Start(string stageId, Action<SystemMetricsSample, long, DateTimeOffset> sink)
    {
        if (_options is not { } options)
        {
            return;
        }

        Stop(stageId);
        _running[stageId] = new SystemMetricsSampler(options.Source, options.Interval, _time, sink);
    }

    /// <summary>Stops the stage's sampler; its sink is not called after this returns.</summary>
    public void Stop(string stageId)
    {
        if (_running.TryRemove(stageId, out var sampler))
        {
            sampler.Stop();
            _stopped.Enqueue(sampler);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stageId in _running.Keys)
        {
            Stop(stageId);
        }

        while (_stopped.TryDequeue(out var sampler))
        {
            await sampler.DisposeAsync().ConfigureAwait(false);
        }
    }
}
