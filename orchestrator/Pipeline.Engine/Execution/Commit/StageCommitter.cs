using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Execution.Commit;

/// <summary>
/// What happens after a stage: on success its staged outputs are hashed and renamed into the cache in one step
/// (manifest last), its checkpoint removed and the pipeline state recorded; on failure or Ctrl-C the staging
/// folder goes and the checkpoint stays for the next run.
/// </summary>
internal sealed class StageCommitter
{
    private readonly ArtifactStore _store;
    private readonly TimeProvider _clock;

    public StageCommitter(ArtifactStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    /// <summary>Commits a successful execution; returns the manifest, or a failure message when an output is missing.</summary>
    public (Manifest? Manifest, string? Error) Commit(RunContext context, ValidatedStage stage, string key, string staging, StageRecord record, IReadOnlyDictionary<string, string> digests)
    {
        var header = new Manifest(1, key, stage.Descriptor.TypeName, stage.Descriptor.Version, stage.Id, context.RunId, _clock.GetUtcNow(),
            record.DurationSeconds, new Dictionary<string, ManifestOutput>(), record.Summary ?? new Dictionary<string, double>(), null);
        Manifest manifest;
        try
        {
            manifest = _store.Commit(staging, header, stage.Descriptor.Outputs);
        }
        catch (Stages.Abstractions.StageFailedException e)
        {
            Discard(staging);
            return (null, e.Message);
        }

        var checkpoint = _store.CheckpointPath(key);
        Discard(checkpoint);
        TryDeleteFile(checkpoint + ".process.lock"); // the stage process's lock; free now, and we hold the key lock
        context.Manifests[stage.Id] = manifest;
        RecordState(context, stage, key, digests, context.RunId);
        return (manifest, null);
    }

    /// <summary>Records that <paramref name="stage"/>'s current outputs are the entry of <paramref name="key"/>.</summary>
    public static void RecordState(RunContext context, ValidatedStage stage, string key, IReadOnlyDictionary<string, string> digests, string runId) =>
        context.State.Set(stage.Id, new StageState(
            stage.Descriptor.TypeName,
            stage.Descriptor.Version,
            stage.Params.KeyJson,
            context.Pipeline.Definition.Seed,
            digests,
            stage.Definition.Inputs.ToDictionary(i => i.Name, i => i.Reference, StringComparer.Ordinal),
            key,
            runId,
            stage.Code.Projects,
            stage.Code.Files));

    /// <summary>Removes a staging or checkpoint folder; one still in use is left for gc.</summary>
    public static void Discard(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for CleanStaleStaging and gc.
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // gc removes it later.
        }
    }
}
