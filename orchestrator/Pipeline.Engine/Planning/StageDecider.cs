using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Planning;

/// <summary>
/// Decides whether one stage runs and says why, checking the cheapest things first: definition (type, version,
/// params, seed), then inputs, then outputs. Used by <c>plan</c> and again at run time with real input digests.
/// </summary>
public sealed class StageDecider
{
    private readonly ArtifactStore _store;
    private readonly PipelineState _state;
    private readonly ValidatedPipeline _pipeline;

    /// <summary>Creates a decider over a store and the pipeline's recorded state.</summary>
    public StageDecider(ValidatedPipeline pipeline, ArtifactStore store, PipelineState state)
    {
        _pipeline = pipeline;
        _store = store;
        _state = state;
    }

    /// <summary>The cache key of <paramref name="stage"/> given its input digests.</summary>
    public string KeyOf(ValidatedStage stage, IReadOnlyDictionary<string, string> inputDigests) =>
        CacheKey.Compute(stage.Descriptor.TypeName, stage.Descriptor.Version, stage.Code.Digest, stage.Params.KeyJson, _pipeline.Definition.Seed, inputDigests);

    /// <summary>Decides for <paramref name="stage"/>; returns the key, the cache check and the reason.</summary>
    public (string Key, CacheCheck Check, bool Run, string Reason) Decide(ValidatedStage stage, IReadOnlyDictionary<string, string> inputDigests, bool forced)
    {
        var key = KeyOf(stage, inputDigests);
        var check = _store.Check(key, stage.Descriptor.Outputs.Select(o => o.Name).ToList());
        if (forced)
        {
            return (key, check, true, "forced");
        }

        if (check.IsHit)
        {
            return (key, check, false, $"cached (key {CacheKey.Short(key)})");
        }

        return (key, check, true, Explain(stage, key, inputDigests, check));
    }

    private string Explain(ValidatedStage stage, string key, IReadOnlyDictionary<string, string> inputDigests, CacheCheck check)
    {
        if (check.State == CacheState.Damaged)
        {
            return $"output missing or damaged: {check.Reason}";
        }

        var checkpoint = _store.CheckpointPath(key);
        if (Directory.Exists(checkpoint) && Directory.EnumerateFileSystemEntries(checkpoint).Any())
        {
            return ResumeReason(checkpoint);
        }

        var previous = _state.Get(stage.Id);
        if (previous is null)
        {
            return "never ran";
        }

        if (previous.Type != stage.Descriptor.TypeName)
        {
            return $"stage type changed {previous.Type} -> {stage.Descriptor.TypeName}";
        }

        if (previous.Version != stage.Descriptor.Version)
        {
            return $"stage version changed {previous.Version} -> {stage.Descriptor.Version}";
        }

        if (previous.Code is null)
        {
            return "code changed: its last run predates code identity in the key";
        }

        if (CodeIdentity.Combine(previous.Code) != stage.Code.Digest)
        {
            return "code changed: " + string.Join(", ", stage.Code.ChangesSince(previous.Code, previous.CodeFiles));
        }

        var changes = ParamChanges(stage.Id, previous.Params, stage.Params);
        if (changes.Count > 0)
        {
            return "params changed: " + string.Join(", ", changes);
        }

        if (previous.Seed != _pipeline.Definition.Seed)
        {
            return $"seed changed {previous.Seed} -> {_pipeline.Definition.Seed}";
        }

        var changedInputs = stage.Definition.Inputs
            .Where(i => !previous.Inputs.TryGetValue(i.Name, out var d) || !inputDigests.TryGetValue(i.Name, out var now) || d != now)
            .Select(i => i.Reference)
            .ToList();
        if (changedInputs.Count > 0)
        {
            return "input changed: " + string.Join(", ", changedInputs);
        }

        return previous.Key == key ? "output missing or damaged: the cache entry is gone" : "never ran with these settings";
    }

    /// <summary>The reason shown for a stage that continues from the checkpoint in <paramref name="checkpoint"/>.</summary>
    public static string ResumeReason(string checkpoint) =>
        Stages.Abstractions.CheckpointProgress.Describe(checkpoint) is { } where
            ? $"resuming from checkpoint ({where})"
            : "resuming from checkpoint";

    private static List<string> ParamChanges(string stageId, string previousJson, ResolvedParams now)
    {
        var before = CanonicalJson.Flatten(System.Text.Json.Nodes.JsonNode.Parse(previousJson));
        var changes = new List<string>();
        foreach (var key in before.Keys.Union(now.KeyFlat.Keys).Order(StringComparer.Ordinal))
        {
            var a = before.GetValueOrDefault(key, "(none)");
            var b = now.KeyFlat.GetValueOrDefault(key, "(none)");
            if (a != b)
            {
                changes.Add($"{stageId}.{key} {a} -> {b}");
            }
        }

        return changes;
    }
}
