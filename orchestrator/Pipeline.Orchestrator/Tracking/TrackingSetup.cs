using Microsoft.Extensions.Logging;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator.Cli;
using Pipeline.Tracking;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Spool;
using Pipeline.Tracking.SystemMetrics;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>Resolves where runs are tracked, replays spools left by earlier runs, closes runs left RUNNING, and builds the observer.</summary>
public static class TrackingSetup
{
    /// <summary>Resolves the settings: --tracking-uri, MLFLOW_TRACKING_URI, the pipeline's tracking_uri, else ./mlruns.</summary>
    public static TrackingSettings Settings(CliOptions options, string pipelineName, string? pipelineUri, string? experiment) =>
        TrackingSettings.Resolve(new TrackingSources(pipelineName, options.TrackingUri, pipelineUri, experiment, Directory.GetCurrentDirectory()));

    /// <summary>Prepares tracking for a run; returns null when tracking is off.</summary>
    public static async Task<TrackingObserver?> StartAsync(
        CliOptions options, ValidatedPipeline pipeline, ArtifactStore store, string runId, ILoggerFactory loggers, Action<string> say,
        IReadOnlyDictionary<string, string>? extraTags = null, string? runName = null, bool quiet = false)
    {
        if (options.NoTracking)
        {
            return null;
        }

        var settings = Settings(options, pipeline.Definition.Name, pipeline.Definition.TrackingUri, pipeline.Definition.Experiment);
        if (!quiet)
        {
            say($"tracking: {settings}");
            await SyncAsync(settings, store.Root, loggers, say, CancellationToken.None).ConfigureAwait(false);
        }

        var tracker = ExperimentTrackerFactory.Create(settings, new TrackerOptions
        {
            SpoolDirectory = Path.Combine(store.Root, "runs", runId),
            LoggerFactory = loggers,
            Retry = RetryOptions.FromEnvironment(TrackingEnvironment.FromProcess()),
        });
        await CloseCrashedRunsAsync(tracker, store.Root, pipeline.Definition.Name, loggers.CreateLogger("tracking"), say).ConfigureAwait(false);
        return new TrackingObserver(
            tracker, pipeline, store, runId, runName ?? options.RunName, loggers.CreateLogger("tracking"), extraTags, systemMetrics: SystemMetricsOptions.ForArtifacts(store.Root));
    }

    /// <summary>
    /// Replays every spool under the artifacts folder. Stops at the first 401/403 (the credentials are wrong
    /// for every spool alike), keeping every unsent event pending; local ids stored under
    /// <c>artifacts/tracking/</c> are rewritten to the server ids the replay created.
    /// </summary>
    public static async Task<TrackingSyncOutcome> SyncAsync(TrackingSettings settings, string artifactsRoot, ILoggerFactory loggers, Action<string> say, CancellationToken cancellationToken)
    {
        var runs = Path.Combine(artifactsRoot, "runs");
        if (!Directory.Exists(runs))
        {
            return new TrackingSyncOutcome(0, null);
        }

        var folders = Directory.EnumerateDirectories(runs).Order(StringComparer.Ordinal).Where(f => SpoolReplayer.PendingCount(f) > 0).ToList();
        var pending = 0;
        string? refused = null;
        foreach (var folder in folders)
        {
            var pendingHere = SpoolReplayer.PendingCount(folder);
            if (refused is not null)
            {
                pending += pendingHere;
                continue;
            }

            var experiments = string.Join(", ", SpoolReplayer.PendingExperiments(folder).Select(e => $"'{e}'"));
            var result = await new SpoolReplayer(settings, RetryOptions.FromEnvironment(TrackingEnvironment.FromProcess()), loggers).ReplayAsync(folder, cancellationToken).ConfigureAwait(false);
            var into = experiments.Length == 0 ? string.Empty : $" into experiment {experiments}";
            say($"tracking: replayed the spool of run {Path.GetFileName(folder)}{into}: {result.Sent} sent, {result.Failed} rejected, {result.Pending} still pending");
            pending += result.Pending;
            var rewritten = TrackingIndex.ReplaceLocalIds(artifactsRoot, result.RunIdMap);
            if (rewritten > 0)
            {
                say($"tracking: {rewritten} cache entr{(rewritten == 1 ? "y" : "ies")} now point at the MLflow runs created from the spool");
            }

            if (result.CredentialsRefused)
            {
                refused = result.StopReason;
            }
        }

        if (refused is not null)
        {
            say($"tracking: sync stopped, {pending} events kept pending: {refused}");
        }

        return new TrackingSyncOutcome(pending, refused);
    }

    private static async Task CloseCrashedRunsAsync(IExperimentTracker tracker, string artifactsRoot, string pipeline, ILogger logger, Action<string> say)
    {
        var runs = Path.Combine(artifactsRoot, "runs");
        if (!Directory.Exists(runs))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(runs, "run.json", SearchOption.AllDirectories))
        {
            var record = JsonFiles.TryRead<RunRecord>(file);
            if (record is null || record.Pipeline != pipeline || record.Ended is not null || StaleRuns.IsLive(record))
            {
                continue;
            }

            try
            {
                var closed = await tracker.CloseStaleRunsAsync(record.RunId, CancellationToken.None).ConfigureAwait(false);
                if (closed.Count > 0)
                {
                    say($"tracking: closed {closed.Count} run(s) of crashed run {record.RunId} as FAILED");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning("tracking: could not close the runs of crashed run {Run}: {Message}", record.RunId, e.Message);
                continue;
            }

            StaleRuns.Close(artifactsRoot, Path.Combine(artifactsRoot, "tmp"), record);
        }
    }
}
