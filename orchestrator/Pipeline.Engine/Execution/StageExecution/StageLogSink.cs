namespace Pipeline.Engine.Execution.StageExecution;

/// <summary>
/// Where one stage execution's events go: log lines to <c>runs/&lt;run&gt;/&lt;stage&gt;.log</c> (timestamped),
/// summary metrics into <see cref="Summary"/>, and everything on to the observer.
/// </summary>
internal sealed class StageLogSink : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _log;
    private readonly string _stageId;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, double> _summary = new(StringComparer.Ordinal);

    public StageLogSink(string logPath, string stageId, IRunObserver observer, TimeProvider clock)
    {
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        _stageId = stageId;
        _observer = observer;
        _clock = clock;
    }

    /// <summary>The summary metrics the stage reported.</summary>
    public IReadOnlyDictionary<string, double> Summary
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, double>(_summary, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Takes one event from the executor.</summary>
    public void OnEvent(StageEvent e)
    {
        lock (_gate)
        {
            if (e.Kind == StageEventKind.Log)
            {
                _log.WriteLine($"{_clock.GetUtcNow():O} {e.Detail} {e.Text}");
            }
            else if (e.Kind == StageEventKind.Summary && e.Key is not null && e.Value is { } v)
            {
                _summary[e.Key] = v;
            }
        }

        try
        {
            _observer.StageEvent(_stageId, e);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Events arrive on the executor's reader thread: a display or tracking bug must not end the run.
            lock (_gate)
            {
                _log.WriteLine($"{_clock.GetUtcNow():O} Warning the run's observer failed on an event: {error.GetType().Name}: {error.Message}");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _log.Dispose();
        }
    }
}
