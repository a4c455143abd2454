namespace Pipeline.Tracking.SystemMetrics;

/// <summary>
/// Samples <see cref="ISystemMetricsSource"/> every <c>interval</c> (on <see cref="TimeProvider"/>'s timers, so tests
/// drive it with fake time) and hands each reading, its step (0, 1, ...) and its time to a sink until stopped;
/// after <see cref="Stop"/> returns the sink is never called again. A stage shorter than one interval still gets
/// one reading, taken when it stops (its CPU share over its whole run), so no stage run's System metrics are empty.
/// Network traffic is counted from the priming reading, so each stage run's starts at 0 (as MLflow's per run).
/// </summary>
public sealed class SystemMetricsSampler : IAsyncDisposable
{
    private readonly ISystemMetricsSource _source;
    private readonly TimeProvider _time;
    private readonly Action<SystemMetricsSample, long, DateTimeOffset> _sink;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private readonly SystemMetricsSample _start;
    private bool _stopped;
    private long _step;

    /// <summary>Starts sampling; the first reading comes one interval from now.</summary>
    public SystemMetricsSampler(ISystemMetricsSource source, TimeSpan interval, TimeProvider time, Action<SystemMetricsSample, long, DateTimeOffset> sink)
    {
        _source = source;
        _time = time;
        _sink = sink;
        _start = _source.Sample(); // primes the CPU reading and the network counters
        _timer = new PeriodicTimer(interval, time);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Stops sampling; no reading reaches the sink after this returns.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (!_stopped && _step == 0)
            {
                _sink(_source.Sample().WithNetworkSince(_start), _step++, _time.GetUtcNow());
            }

            _stopped = true;
        }

        _stop.Cancel();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Stop();
        await _loop.ConfigureAwait(false);
        _timer.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    _sink(_source.Sample().WithNetworkSince(_start), _step++, _time.GetUtcNow());
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
