using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;

namespace Pipeline.Engine.Execution;

/// <summary>Hands every run event to several observers in order (the console, then the tracker).</summary>
public sealed class CompositeObserver : IRunObserver
{
    private readonly IReadOnlyList<IRunObserver> _observers;

    /// <summary>Creates the composite.</summary>
    public CompositeObserver(params IRunObserver[] observers) => _observers = observers;

    /// <inheritdoc />
    public void RunStarted(RunRecord record, IReadOnlyList<PlanEntry> plan)
    {
        foreach (var o in _observers)
        {
            o.RunStarted(record, plan);
        }
    }

    /// <inheritdoc />
    public void StageWaiting(string stageId, string message)
    {
        foreach (var o in _observers)
        {
            o.StageWaiting(stageId, message);
        }
    }

    /// <inheritdoc />
    public void StageStarted(string stageId, string key, string reason, bool resuming)
    {
        foreach (var o in _observers)
        {
            o.StageStarted(stageId, key, reason, resuming);
        }
    }

    /// <inheritdoc />
    public void StageEvent(string stageId, StageEvent stageEvent)
    {
        foreach (var o in _observers)
        {
            o.StageEvent(stageId, stageEvent);
        }
    }

    /// <inheritdoc />
    public void StageCompleted(StageRecord record)
    {
        foreach (var o in _observers)
        {
            o.StageCompleted(record);
        }
    }

    /// <inheritdoc />
    public void RunCompleted(RunRecord record)
    {
        foreach (var o in _observers)
        {
            o.RunCompleted(record);
        }
    }
}
