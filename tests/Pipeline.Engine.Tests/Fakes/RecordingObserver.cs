using System.Collections.Concurrent;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;

namespace Pipeline.Engine.Tests.Fakes;

public sealed class RecordingObserver : IRunObserver
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentDictionary<string, StageRecord> Completed { get; } = new();

    public TaskCompletionSource<string> FirstStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void RunStarted(RunRecord record, IReadOnlyList<PlanEntry> plan) => Lines.Enqueue("run started");

    /// <summary>Completes with the first message of a stage that waits (for a key lock held by another run).</summary>
    public TaskCompletionSource<string> FirstWait { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void StageWaiting(string stageId, string message)
    {
        Lines.Enqueue($"{stageId} waiting: {message}");
        FirstWait.TrySetResult(message);
    }

    public void StageStarted(string stageId, string key, string reason, bool resuming)
    {
        Lines.Enqueue($"{stageId} started: {reason} resuming={resuming}");
        FirstStart.TrySetResult(stageId);
    }

    public void StageEvent(string stageId, StageEvent stageEvent)
    {
    }

    public void StageCompleted(StageRecord record) => Completed[record.Id] = record;

    public void RunCompleted(RunRecord record) => Lines.Enqueue("run completed " + record.Status);
}
