using Pipeline.Engine.Caching;
using Pipeline.Engine.Planning;

namespace Pipeline.Engine.Execution.StageExecution;

/// <summary>
/// Re-hashes (SHA-256, every byte) the cached entries a run is about to read. A flipped byte with a restored mtime
/// passes the cheap check that plan and cache hits use, never this one. A damaged entry is moved aside, so its
/// stage runs again in this run instead of feeding damaged bytes downstream.
/// </summary>
internal sealed class EntryVerifier
{
    private readonly ArtifactStore _store;
    private readonly IRunObserver _observer;

    public EntryVerifier(ArtifactStore store, IRunObserver observer)
    {
        _store = store;
        _observer = observer;
    }

    /// <summary>Before anything runs: every entry the plan says is cached and that a stage which will run reads.</summary>
    public void VerifyEntriesThatWillBeRead(RunContext context, IReadOnlyList<PlanEntry> plan)
    {
        var willRun = plan.Where(p => p.Action == PlanAction.Run).Select(p => p.StageId).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in plan.Where(p => p.Action == PlanAction.Cached && p.Key is not null))
        {
            var read = context.Pipeline.Stages.Values.Any(s => willRun.Contains(s.Id) && s.Definition.Inputs.Any(i => i.FromStage == entry.StageId));
            if (read)
            {
                Verify(context, entry.StageId, entry.Key!);
            }
        }
    }

    /// <summary>Verifies the entry of <paramref name="key"/> once per run; a damaged one is moved aside.</summary>
    public CacheCheck Verify(RunContext context, string stageId, string key)
    {
        if (context.Verified.TryGetValue(key, out var known))
        {
            return known;
        }

        var check = _store.Verify(key, context.Pipeline.Stages[stageId].Descriptor.Outputs.Select(o => o.Name).ToList());
        if (check.State == CacheState.Damaged)
        {
            var aside = _store.MoveAside(key);
            _observer.StageWaiting(stageId, $"cache entry {CacheKey.Short(key)} is damaged ({check.Reason}): moved aside to {aside}; the stage runs again");
        }

        context.Verified[key] = check;
        return check;
    }
}
