using System.Diagnostics;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution.Commit;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Execution.StageExecution;

/// <summary>
/// One stage of a run: a cache hit, or (under its key lock, with its cached inputs verified) an execution through
/// the executor whose outputs the <see cref="StageCommitter"/> commits. Whatever escapes, the stage ends with a
/// record that names it: an unexpected exception is a failure of this stage, never a ledger left <c>running</c>.
/// </summary>
internal sealed class StageJob
{
    private readonly ArtifactStore _store;
    private readonly IStageExecutor _executor;
    private readonly IRunObserver _observer;
    private readonly EntryVerifier _verifier;
    private readonly StageCommitter _committer;
    private readonly TimeProvider _clock;

    public StageJob(ArtifactStore store, IStageExecutor executor, IRunObserver observer, EntryVerifier verifier, StageCommitter committer, TimeProvider clock)
    {
        _store = store;
        _executor = executor;
        _observer = observer;
        _verifier = verifier;
        _committer = committer;
        _clock = clock;
    }

    /// <summary>Runs stage <paramref name="id"/>; never throws.</summary>
    public async Task<StageRecord> RunAsync(RunContext context, string id, CancellationToken cancellationToken)
    {
        var stage = context.Pipeline.Stages[id];
        var baseRecord = new StageRecord { Id = id, Type = stage.Descriptor.TypeName, Params = stage.Params.Flat };
        try
        {
            return await DecideAndRunAsync(context, stage, baseRecord, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return baseRecord with { Status = StageStatus.Cancelled, Reason = "cancelled before it started" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Stages.Abstractions.StageFailedException)
        {
            return baseRecord with { Status = StageStatus.Failed, Error = e.Message, Reason = "failed" };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in the engine or an executor: still this stage's failure, named, and the run goes on as for any failure.
            return baseRecord with { Status = StageStatus.Failed, Error = $"stage '{id}' failed unexpectedly: {e.GetType().Name}: {e.Message}", Reason = "failed" };
        }
    }

    private async Task<StageRecord> DecideAndRunAsync(RunContext context, ValidatedStage stage, StageRecord baseRecord, CancellationToken cancellationToken)
    {
        var id = stage.Id;
        var inputs = stage.Definition.Inputs.ToDictionary(
            i => i.Name,
            i => (Path: _store.OutputPath(context.Results[i.FromStage].Key!, i.FromOutput), Digest: context.OutputDigest(i.FromStage, i.FromOutput, _store)),
            StringComparer.Ordinal);
        var digests = inputs.ToDictionary(p => p.Key, p => p.Value.Digest, StringComparer.Ordinal);
        var forced = context.Options.Plan.IsForced(id);
        var (key, check, run, reason) = context.Decider.Decide(stage, digests, forced);
        if (!run)
        {
            return Cached(context, stage, key, check.Manifest!, reason, digests);
        }

        foreach (var input in stage.Definition.Inputs)
        {
            var upstream = context.Results[input.FromStage];
            if (upstream.Status == StageStatus.Cached && _verifier.Verify(context, input.FromStage, upstream.Key!) is { State: not CacheState.Hit } damaged)
            {
                return baseRecord with
                {
                    Status = StageStatus.Failed,
                    Reason = "failed",
                    Error = $"input '{input.Name}' ({input.Reference}, key {CacheKey.Short(upstream.Key!)}) is damaged: {damaged.Reason}; " +
                        "it was moved aside before this stage read it; run again to recompute it",
                };
            }
        }

        var owner = new LockOwner(context.RunId, Environment.ProcessId, Environment.MachineName, id, _clock.GetUtcNow());
        using var keyLock = await KeyLock.AcquireAsync(
            _store.LocksDirectory,
            key,
            owner,
            holder => _observer.StageWaiting(id, holder is null
                ? $"waiting for the lock on key {CacheKey.Short(key)}"
                : $"waiting for run {holder.RunId} (pid {holder.Pid}, stage '{holder.StageId}') which holds key {CacheKey.Short(key)}"),
            previous => _observer.StageWaiting(id, $"took over the lock on key {CacheKey.Short(key)} left by run {previous.RunId} (pid {previous.Pid}, no longer running)"),
            cancellationToken).ConfigureAwait(false);

        check = _store.Check(key, stage.Descriptor.Outputs.Select(o => o.Name).ToList());
        if (check.IsHit && !forced)
        {
            return Cached(context, stage, key, check.Manifest!, "cached (computed by another run while this one waited)", digests);
        }

        if (check.State == CacheState.Damaged)
        {
            var aside = _store.MoveAside(key);
            _observer.StageWaiting(id, $"damaged cache entry ({check.Reason}) moved aside to {aside}");
        }
        else if (forced && check.IsHit)
        {
            _store.MoveAside(key);
        }

        return await ExecuteAsync(context, stage, key, reason, inputs.ToDictionary(p => p.Key, p => p.Value.Path, StringComparer.Ordinal), digests, cancellationToken).ConfigureAwait(false);
    }

    private static StageRecord Cached(RunContext context, ValidatedStage stage, string key, Manifest manifest, string reason, IReadOnlyDictionary<string, string> digests)
    {
        StageCommitter.RecordState(context, stage, key, digests, manifest.RunId);
        context.Manifests[stage.Id] = manifest;
        return new StageRecord
        {
            Id = stage.Id,
            Type = stage.Descriptor.TypeName,
            Key = key,
            Status = StageStatus.Cached,
            CacheHit = true,
            Params = stage.Params.Flat,
            Reason = reason,
            Summary = manifest.Summary,
            SourceRunId = manifest.RunId,
        };
    }

    private async Task<StageRecord> ExecuteAsync(
        RunContext context,
        ValidatedStage stage,
        string key,
        string reason,
        IReadOnlyDictionary<string, string> inputs,
        IReadOnlyDictionary<string, string> digests,
        CancellationToken cancellationToken)
    {
        var staging = _store.CreateStaging(key, context.RunId);
        var checkpoint = _store.CheckpointPath(key);
        var resuming = Directory.Exists(checkpoint) && Directory.EnumerateFileSystemEntries(checkpoint).Any();
        if (resuming && !reason.StartsWith("resuming", StringComparison.Ordinal))
        {
            reason = StageDecider.ResumeReason(checkpoint);
        }

        var logPath = Path.Combine(context.Ledger.Directory, stage.Id + ".log");
        var record = new StageRecord { Id = stage.Id, Type = stage.Descriptor.TypeName, Key = key, Status = StageStatus.Running, Reason = reason, LogPath = logPath, Params = stage.Params.Flat };
        context.Ledger.Update(record);
        _observer.StageStarted(stage.Id, key, reason, resuming);

        var started = _clock.GetTimestamp();
        StageOutcome outcome;
        IReadOnlyDictionary<string, double> summary;
        using (var sink = new StageLogSink(logPath, stage.Id, _observer, _clock))
        {
            var invocation = new StageInvocation
            {
                StageId = stage.Id,
                StageType = stage.Descriptor.TypeName,
                RunId = context.RunId,
                Key = key,
                ParamsJson = stage.Params.CanonicalJson,
                Seed = context.Pipeline.Definition.Seed,
                Inputs = inputs,
                OutputDirectory = staging,
                CheckpointDirectory = checkpoint,
                LogPath = logPath,
                Resources = (stage.Definition.Resources ?? new Model.Resources()).Over(context.Pipeline.Definition.Resources),
            };
            try
            {
                outcome = await _executor.ExecuteAsync(invocation, sink.OnEvent, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ExecutorFiles.Remove(staging);
            }

            summary = sink.Summary;
        }

        var seconds = _clock.GetElapsedTime(started).TotalSeconds;
        record = record with { DurationSeconds = Math.Round(seconds, 3), ExitCode = outcome.ExitCode, Summary = summary };
        if (outcome.Kind != StageOutcomeKind.Succeeded)
        {
            StageCommitter.Discard(staging);
            return outcome.Kind == StageOutcomeKind.Cancelled
                ? record with { Status = StageStatus.Cancelled, Reason = "cancelled; its checkpoint is kept for the next run" }
                : record with { Status = StageStatus.Failed, Error = outcome.Message };
        }

        var (_, error) = _committer.Commit(context, stage, key, staging, record, digests);
        return error is null
            ? record with { Status = StageStatus.Succeeded, SourceRunId = context.RunId }
            : record with { Status = StageStatus.Failed, Error = error };
    }
}
