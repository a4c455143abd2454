using System.Collections.Concurrent;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Execution;

/// <summary>The shared state of one run while it executes.</summary>
internal sealed record RunContext(
    ValidatedPipeline Pipeline,
    RunOptions Options,
    string RunId,
    RunLedger Ledger,
    PipelineState State,
    StageDecider Decider)
{
    /// <summary>Finished stages.</summary>
    public ConcurrentDictionary<string, StageRecord> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>Manifests of finished stages.</summary>
    public ConcurrentDictionary<string, Manifest> Manifests { get; } = new(StringComparer.Ordinal);

    /// <summary>Cache entries re-hashed in full by this run, by key, with what was found.</summary>
    public ConcurrentDictionary<string, CacheCheck> Verified { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the stage is part of this run.</summary>
    public bool Selected(string id) => Ledger.Record.Stages.Any(s => s.Id == id);

    /// <summary>The content digest of an upstream output.</summary>
    public string OutputDigest(string stageId, string output, ArtifactStore store) =>
        Manifests.TryGetValue(stageId, out var m) ? m.Outputs[output].Digest
            : Manifest.TryRead(Path.Combine(store.EntryPath(Results[stageId].Key!), Manifest.FileName))!.Outputs[output].Digest;
}
