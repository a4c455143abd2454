using Pipeline.Engine.Ledger;

namespace Pipeline.Engine.Execution.Scheduling;

/// <summary>
/// Starts every stage whose upstream stages succeeded or were cached, up to <see cref="RunOptions.Jobs"/> at once;
/// skips the dependants of a failed, skipped or cancelled stage with the reason; after a failure (unless
/// <see cref="RunOptions.KeepGoing"/>) or Ctrl-C starts nothing new and skips what is left.
/// </summary>
internal sealed class StageScheduler
{
    private readonly IRunObserver _observer;

    public StageScheduler(IRunObserver observer)
    {
        _observer = observer;
    }

    /// <summary>Runs <paramref name="selected"/> through <paramref name="runStage"/>; returns every stage's final record.</summary>
    public async Task<IReadOnlyList<StageRecord>> RunAsync(
        RunContext context,
        IReadOnlyList<string> selected,
        Func<RunContext, string, CancellationToken, Task<StageRecord>> runStage,
        CancellationToken cancellationToken)
    {
        var pending = new List<string>(selected);
        var running = new Dictionary<Task<StageRecord>, string>();
        var stopReason = (string?)null;

        while (pending.Count > 0 || running.Count > 0)
        {
            if (cancellationToken.IsCancellationRequested && stopReason is null)
            {
                stopReason = "cancelled";
            }

            if (stopReason is null)
            {
                foreach (var id in pending.Where(id => IsReady(context, id)).Take(Math.Max(1, context.Options.Jobs) - running.Count).ToList())
                {
                    pending.Remove(id);
                    running[Task.Run(() => runStage(context, id, cancellationToken), CancellationToken.None)] = id;
                }
            }

            SkipBlocked(context, pending, stopReason);
            if (running.Count == 0)
            {
                if (pending.Count > 0 && stopReason is null)
                {
                    throw new InvalidOperationException("no stage can start: the graph is inconsistent");
                }

                break;
            }

            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            running.Remove(done);
            var record = await done.ConfigureAwait(false);
            Complete(context, record);
            if (record.Status == StageStatus.Failed && !context.Options.KeepGoing && stopReason is null)
            {
                stopReason = $"the run stopped after '{record.Id}' failed (use --keep-going to run other branches)";
            }
        }

        foreach (var id in pending)
        {
            Complete(context, Skipped(context, id, stopReason ?? "not reached"));
        }

        return context.Results.Values.ToList();
    }

    private void Complete(RunContext context, StageRecord record)
    {
        context.Results[record.Id] = record;
        context.Ledger.Update(record);
        _observer.StageCompleted(record);
    }

    private static bool IsReady(RunContext context, string id) =>
        context.Pipeline.Graph.Upstream(id).All(up =>
            !context.Selected(up) || (context.Results.TryGetValue(up, out var r) && r.Status is StageStatus.Succeeded or StageStatus.Cached));

    private void SkipBlocked(RunContext context, List<string> pending, string? stopReason)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var id in pending.ToList())
            {
                var blocker = context.Pipeline.Graph.Upstream(id).FirstOrDefault(up =>
                    context.Results.TryGetValue(up, out var r) && r.Status is StageStatus.Failed or StageStatus.Skipped or StageStatus.Cancelled);
                if (blocker is null)
                {
                    continue;
                }

                var why = context.Results[blocker].Status == StageStatus.Failed ? $"upstream '{blocker}' failed" : $"upstream '{blocker}' did not finish";
                Complete(context, Skipped(context, id, why));
                pending.Remove(id);
                changed = true;
            }
        }
        while (changed && stopReason is null);
    }

    private static StageRecord Skipped(RunContext context, string id, string reason) => new()
    {
        Id = id,
        Type = context.Pipeline.Stages[id].Descriptor.TypeName,
        Status = StageStatus.Skipped,
        Reason = $"skipped: {reason}",
    };
}
