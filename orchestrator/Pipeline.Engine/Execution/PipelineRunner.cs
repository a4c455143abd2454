using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution.Commit;
using Pipeline.Engine.Execution.Scheduling;
using Pipeline.Engine.Execution.StageExecution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Execution;

/// <summary>
/// Runs a validated pipeline: plans it, opens the run's ledger, closes the ledgers of dead runs, verifies the cached
/// entries the run will read, then hands the stages to the <see cref="StageScheduler"/> (dependency order, up to
/// <see cref="RunOptions.Jobs"/> at once), each one a <see cref="StageJob"/> (a cache hit, or an execution under its
/// key lock whose outputs the <see cref="StageCommitter"/> commits atomically), and closes the ledger.
/// </summary>
public sealed class PipelineRunner
{
    private readonly ArtifactStore _store;
    private readonly IStageExecutor _executor;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _clock;

    /// <summary>Creates a runner; <paramref name="clock"/> stamps the ledger (the system clock by default).</summary>
    public PipelineRunner(ArtifactStore store, IStageExecutor executor, IRunObserver observer, TimeProvider? clock = null)
    {
        _store = store;
        _executor = executor;
        _observer = observer;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The ledger of the current or last run.</summary>
    public RunLedger? Ledger { get; private set; }

    /// <summary>Runs <paramref name="pipeline"/>; returns 0 (success), 1 (a stage failed) or 130 (cancelled).</summary>
    public async Task<int> RunAsync(ValidatedPipeline pipeline, RunOptions options, CancellationToken cancellationToken)
    {
        var runId = options.RunId ?? RunLedger.NewRunId(_clock);
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
            Started = _clock.GetUtcNow(),
            Stages = selected.Select(id => new StageRecord { Id = id, Type = pipeline.Stages[id].Descriptor.TypeName, Status = StageStatus.Pending }).ToList(),
        }, _clock);
        Ledger = ledger;
        StaleRuns.CloseDead(_store.Root, _store.StagingDirectory, _clock);
        _store.CleanStaleStaging(TimeSpan.FromDays(1));
        _observer.RunStarted(ledger.Record, plan);

        var context = new RunContext(pipeline, options, runId, ledger, state, new StageDecider(pipeline, _store, state));
        var verifier = new EntryVerifier(_store, _observer);
        verifier.VerifyEntriesThatWillBeRead(context, plan);
        var job = new StageJob(_store, _executor, _observer, verifier, new StageCommitter(_store, _clock), _clock);
        var records = await new StageScheduler(_observer).RunAsync(context, selected, job.RunAsync, cancellationToken).ConfigureAwait(false);

        var (status, code) = cancellationToken.IsCancellationRequested || records.Any(r => r.Status == StageStatus.Cancelled)
            ? ("cancelled", 130)
            : records.Any(r => r.Status == StageStatus.Failed) ? ("failed", 1) : ("succeeded", 0);
        ledger.Complete(status, code);
        _observer.RunCompleted(ledger.Record);
        return code;
    }
}
