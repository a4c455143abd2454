using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;

namespace Pipeline.Engine.Execution;

/// <summary>Follows a run: the console shows it, the tracker records it. Calls may come from several threads.</summary>
public interface IRunObserver
{
    /// <summary>The run starts with this plan.</summary>
    void RunStarted(RunRecord record, IReadOnlyList<PlanEntry> plan);

    /// <summary>A stage waits for something (a lock held by another run).</summary>
    void StageWaiting(string stageId, string message);

    /// <summary>A stage starts executing.</summary>
    void StageStarted(string stageId, string key, string reason, bool resuming);

    /// <summary>A running stage reported something.</summary>
    void StageEvent(string stageId, StageEvent stageEvent);

    /// <summary>A stage ended (ran, cached, failed, skipped or cancelled).</summary>
    void StageCompleted(StageRecord record);

    /// <summary>The run ended.</summary>
    void RunCompleted(RunRecord record);
}
