using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Planning;

/// <summary>Builds the plan: for each stage, whether it will run or is cached, and why.</summary>
public static class Planner
{
    /// <summary>Plans <paramref name="pipeline"/> against the cache and the recorded state, in execution order.</summary>
    public static IReadOnlyList<PlanEntry> Plan(ValidatedPipeline pipeline, ArtifactStore store, PipelineState state, PlanOptions options)
    {
        var decider = new StageDecider(pipeline, store, state);
        var selected = options.Until is { } until ? pipeline.Graph.Closure(until).ToHashSet(StringComparer.Ordinal) : null;
        var entries = new List<PlanEntry>();
        var known = new Dictionary<string, PlanEntry>(StringComparer.Ordinal);
        var outputDigests = new Dictionary<string, IReadOnlyDictionary<string, ManifestOutput>>(StringComparer.Ordinal);

        foreach (var stage in pipeline.InOrder())
        {
            if (selected is not null && !selected.Contains(stage.Id))
            {
                entries.Add(new PlanEntry(stage.Id, stage.Descriptor.TypeName, PlanAction.NotNeeded, $"not needed for --until {options.Until}", null));
                continue;
            }

            var pendingUpstream = stage.Definition.Inputs
                .Select(i => i.FromStage)
                .Where(up => !outputDigests.ContainsKey(up))
                .Distinct()
                .ToList();
            PlanEntry entry;
            if (pendingUpstream.Count > 0)
            {
                var reason = options.IsForced(stage.Id) ? "forced" : $"upstream will run: {string.Join(", ", pendingUpstream)}";
                if (state.Get(stage.Id) is { Code: { } code } previous && Caching.CodeIdentity.Combine(code) != stage.Code.Digest)
                {
                    reason += "; code changed: " + string.Join(", ", stage.Code.ChangesSince(code, previous.CodeFiles));
                }

                entry = new PlanEntry(stage.Id, stage.Descriptor.TypeName, PlanAction.Run, reason, null);
            }
            else
            {
                var inputs = stage.Definition.Inputs.ToDictionary(i => i.Name, i => outputDigests[i.FromStage][i.FromOutput].Digest, StringComparer.Ordinal);
                var (key, check, run, reason) = decider.Decide(stage, inputs, options.IsForced(stage.Id));
                entry = new PlanEntry(stage.Id, stage.Descriptor.TypeName, run ? PlanAction.Run : PlanAction.Cached, reason, key);
                if (!run)
                {
                    outputDigests[stage.Id] = check.Manifest!.Outputs;
                }
            }

            entries.Add(entry);
            known[stage.Id] = entry;
        }

        return entries;
    }
}
