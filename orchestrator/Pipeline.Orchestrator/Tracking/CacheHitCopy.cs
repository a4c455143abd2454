using Microsoft.Extensions.Logging;
using Pipeline.Tracking;
using Pipeline.Tracking.Spool;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>
/// Makes a cache-hit child line up with the child that computed it in MLflow's compare view: the computing run's
/// params (including those only known at run time, like <c>steps_per_epoch</c>) and its final metric values.
/// </summary>
internal static class CacheHitCopy
{
    /// <summary>Metrics that describe this execution, not the outputs: the hit keeps its own.</summary>
    private static readonly HashSet<string> OwnMetrics = new(StringComparer.Ordinal) { "duration_seconds" };

    /// <summary>
    /// Copies from <paramref name="sourceRunId"/> what <paramref name="child"/> lacks; when that run cannot be read
    /// (unknown, offline, spool-local id), logs <paramref name="summary"/> instead.
    /// </summary>
    public static async Task CopyAsync(
        IExperimentTracker tracker,
        ITrackedRun child,
        string? sourceRunId,
        IReadOnlySet<string> loggedParams,
        IReadOnlyDictionary<string, double>? summary,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        TrackedRunInfo? source = null;
        if (sourceRunId is not null && !SpoolRunIds.IsLocal(sourceRunId))
        {
            try
            {
                source = await tracker.GetRunAsync(sourceRunId, cancellationToken).ConfigureAwait(false);
            }
            catch (TrackingException e)
            {
                logger.LogWarning("tracking: could not read run {Run} that computed a cached stage: {Message}", sourceRunId, e.Message);
            }
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in source?.LatestMetrics ?? new Dictionary<string, double>())
        {
            if (!OwnMetrics.Contains(key))
            {
                metrics[key] = value;
            }
        }

        foreach (var (key, value) in summary ?? new Dictionary<string, double>())
        {
            metrics.TryAdd(key, value);
        }

        foreach (var (key, value) in metrics)
        {
            child.LogMetric(key, value, 0);
        }

        foreach (var (key, value) in source?.Params ?? new Dictionary<string, string>())
        {
            if (!loggedParams.Contains(key))
            {
                child.LogParam(key, value);
            }
        }
    }
}
