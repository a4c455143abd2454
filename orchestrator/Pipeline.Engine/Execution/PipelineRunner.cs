using System.Diagnostics;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Execution;

/// <summary>
/// Runs a validated pipeline: stages in dependency order (up to <see cref="RunOptions.Jobs"/> at once), each one a
/// cache hit or an execution under its key lock, outputs committed atomically, everything recorded in the ledger.
/// </summary>
public sealed class PipelineRunner
{
    private readonly ArtifactStore _store;
    private readonly IStageExecutor _executor;
    private readonly IRunObserver _observer;

    /// <summary>Creates a runner.</summary>
    public PipelineRunner(ArtifactStore store, IStageExecutor executor, IRunObserver observer)
    {
        _store = store;
        _executor = executor;
        _observer = observer;
    }

    /// <summary>The ledger of the current or last run.</summary>
    public RunLedger? Ledger { get; private set; }

    /// <summary>Runs <paramref name="pipeline"/>; returns 0 (success), 1 (a stage failed) or 130 (cancelled).</summary>
    public async Task<int> RunAsync(ValidatedPipeline pipeline, RunOptions options, CancellationToken cancellationToken)
    {
        var runId = options.RunId ?? RunLedger.NewRunId();
        var state = PipelineState.Load(_store.Root, pipeline.Definition.Name);
        var plan = Planner.Plan(pipeline, _store, state, options.Plan);
        var selected = plan.Where(p => p.Action != PlanAction.NotNeeded).Select(p => p.StageId).ToList();
        var ledger = new RunLedger(_store.Root, new RunRecord
        {
            RunId = runId,
            Pipeline = pipeline.Definition.Name,
            PipelineFile = Path.GetFullPath(pipeline.Definition.SourcePath),
            Pid = Environment.ProcessId,
            Host = Environment.MachineName,
            Started = DateTimeOffset.UtcNow,
            Stages = selected.Select(id => new StageRecord { Id = id, Type = pipeline.Stages[id].Descriptor.TypeName, Status = StageStatus.Pending }).ToList(),
        });
        Ledger = ledger;
        StaleRuns.CloseDead(_store.Root, _store.StagingDirectory);
        _store.CleanStaleStaging(TimeSpan.FromDays(1));
        _observer.RunStarted(ledger.Record, plan);

        var context = new RunContext(pipeline, options, runId, ledger, state, new StageDecider(pipeline, _store, state));
        VerifyEntriesThatWillBeRead(context, plan);
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
                foreach (var id in pending.Where(id => IsReady(context, id)).Take(Math.Max(1, options.Jobs) - running.Count).ToList())
                {
                    pending.Remove(id);
                    running[Task.Run(() => ExecuteStageAsync(context, id, cancellationToken), CancellationToken.None)] = id;
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
            context.Results[record.Id] = record;
            ledger.Update(record);
            _observer.StageCompleted(record);
            if (record.Status == StageStatus.Failed && !options.KeepGoing && stopReason is null)
            {
                stopReason = $"the run stopped after '{record.Id}' failed (use --keep-going to run other branches)";
            }
        }

        foreach (var id in pending)
        {
            var record = Skipped(context, id, stopReason ?? "not reached");
            context.Results[id] = record;
            ledger.Update(record);
            _observer.StageCompleted(record);
        }

        var records = context.Results.Values.ToList();
        var (status, code) = cancellationToken.IsCancellationRequested || records.Any(r => r.Status == StageStatus.Cancelled)
            ? ("cancelled", 130)
            : records.Any(r => r.Status == StageStatus.Failed) ? ("failed", 1) : ("succeeded", 0);
        ledger.Complete(status, code);
        _observer.RunCompleted(ledger.Record);
        return code;
    }

    // Every cached entry that a stage of this run will read is re-hashed in full before anything runs: a flipped byte
    // with a restored mtime passes the cheap check, never this one. A damaged entry is moved aside, so its stage
    // re-runs in this run instead of feeding damaged bytes downstream.
    private void VerifyEntriesThatWillBeRead(RunContext context, IReadOnlyList<PlanEntry> plan)
    {
        var willRun = plan.Where(p => p.Action == PlanAction.Run).Select(p => p.StageId).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in plan.Where(p => p.Action == PlanAction.Cached && p.Key is not null))
        {
            var read = context.Pipeline.Stages.Values.Any(s => willRun.Contains(s.Id) && s.Definition.Inputs.Any(i => i.FromStage == entry.StageId));
            if (read)
            {
                VerifyEntry(context, entry.StageId, entry.Key!);
            }
        }
    }

    private CacheCheck VerifyEntry(RunContext context, string stageId, string key)
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
                var record = Skipped(context, id, why);
                context.Results[id] = record;
                context.Ledger.Update(record);
                _observer.StageCompleted(record);
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

    private async Task<StageRecord> ExecuteStageAsync(RunContext context, string id, CancellationToken cancellationToken)
    {
        var stage = context.Pipeline.Stages[id];
        var baseRecord = new StageRecord { Id = id, Type = stage.Descriptor.TypeName };
        try
        {
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
                if (upstream.Status == StageStatus.Cached && VerifyEntry(context, input.FromStage, upstream.Key!).State != CacheState.Hit)
                {
                    return baseRecord with
                    {
                        Status = StageStatus.Failed,
                        Reason = "failed",
                        Error = $"input '{input.Name}' ({input.Reference}, key {CacheKey.Short(upstream.Key!)}) is damaged: {context.Verified[upstream.Key!].Reason}; " +
                            "it was moved aside before this stage read it; run again to recompute it",
                    };
                }
            }

            var owner = new LockOwner(context.RunId, Environment.ProcessId, Environment.MachineName, id, DateTimeOffset.UtcNow);
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

            return await RunStageAsync(context, stage, key, reason, inputs.ToDictionary(p => p.Key, p => p.Value.Path, StringComparer.Ordinal), digests, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return baseRecord with { Status = StageStatus.Cancelled, Reason = "cancelled before it started" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Stages.Abstractions.StageFailedException)
        {
            return baseRecord with { Status = StageStatus.Failed, Error = e.Message, Reason = "failed" };
        }
    }

    private static StageRecord Cached(RunContext context, ValidatedStage stage, string key, Manifest manifest, string reason, IReadOnlyDictionary<string, string> digests)
    {
        RecordState(context, stage, key, digests, manifest.RunId);
        context.Manifests[stage.Id] = manifest;
        return new StageRecord
        {
            Id = stage.Id,
            Type = stage.Descriptor.TypeName,
            Key = key,
            Status = StageStatus.Cached,
            CacheHit = true,
            Reason = reason,
            Summary = manifest.Summary,
            SourceRunId = manifest.RunId,
        };
    }

    private async Task<StageRecord> RunStageAsync(
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
            reason = Planning.StageDecider.ResumeReason(checkpoint);
        }

        var logPath = Path.Combine(context.Ledger.Directory, stage.Id + ".log");
        var record = new StageRecord { Id = stage.Id, Type = stage.Descriptor.TypeName, Key = key, Status = StageStatus.Running, Reason = reason, LogPath = logPath };
        context.Ledger.Update(record);
        _observer.StageStarted(stage.Id, key, reason, resuming);

        var summary = new Dictionary<string, double>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        StageOutcome outcome;
        using (var log = new StreamWriter(logPath, append: true) { AutoFlush = true })
        {
            var gate = new Lock();
            void OnEvent(StageEvent e)
            {
                lock (gate)
                {
                    if (e.Kind == StageEventKind.Log)
                    {
                        log.WriteLine($"{DateTimeOffset.UtcNow:O} {e.Detail} {e.Text}");
                    }
                    else if (e.Kind == StageEventKind.Summary && e.Key is not null && e.Value is { } v)
                    {
                        summary[e.Key] = v;
                    }
                }

                _observer.StageEvent(stage.Id, e);
            }

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
                outcome = await _executor.ExecuteAsync(invocation, OnEvent, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ExecutorFiles.Remove(staging);
            }
        }

        watch.Stop();
        record = record with { DurationSeconds = Math.Round(watch.Elapsed.TotalSeconds, 3), ExitCode = outcome.ExitCode, Summary = summary };
        if (outcome.Kind != StageOutcomeKind.Succeeded)
        {
            TryDelete(staging);
            return outcome.Kind == StageOutcomeKind.Cancelled
                ? record with { Status = StageStatus.Cancelled, Reason = "cancelled; its checkpoint is kept for the next run" }
                : record with { Status = StageStatus.Failed, Error = outcome.Message };
        }

        var header = new Manifest(1, key, stage.Descriptor.TypeName, stage.Descriptor.Version, stage.Id, context.RunId, DateTimeOffset.UtcNow,
            record.DurationSeconds, new Dictionary<string, ManifestOutput>(), summary, null);
        Manifest manifest;
        try
        {
            manifest = _store.Commit(staging, header, stage.Descriptor.Outputs);
        }
        catch (Stages.Abstractions.StageFailedException e)
        {
            TryDelete(staging);
            return record with { Status = StageStatus.Failed, Error = e.Message };
        }

        TryDelete(checkpoint);
        TryDeleteFile(checkpoint + ".process.lock"); // the stage process's lock; free now, and we hold the key lock
        context.Manifests[stage.Id] = manifest;
        RecordState(context, stage, key, digests, context.RunId);
        return record with { Status = StageStatus.Succeeded, SourceRunId = context.RunId };
    }

    private static void RecordState(RunContext context, ValidatedStage stage, string key, IReadOnlyDictionary<string, string> digests, string runId) =>
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

    private static void TryDelete(string path)
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
            // Left for CleanStaleStaging.
        }
    }
}
