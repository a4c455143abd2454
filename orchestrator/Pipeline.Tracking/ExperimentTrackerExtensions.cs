using Pipeline.Tracking.Tags;

namespace Pipeline.Tracking;

/// <summary>Resume helpers built on <see cref="IExperimentTracker"/> and <see cref="ITrackedRun"/>.</summary>
public static class ExperimentTrackerExtensions
{
    /// <summary>
    /// Closes as FAILED every run of this pipeline run (tag pipeline.run_id) still marked RUNNING: left so by an
    /// orchestrator that was killed. Returns the ids it closed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CloseStaleRunsAsync(
        this IExperimentTracker tracker, string pipelineRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var closed = new List<string>();
        foreach (var run in await tracker.FindRunsAsync(PipelineTagNames.PipelineRunId, pipelineRunId, cancellationToken).ConfigureAwait(false))
        {
            if (run.Status == RunStatus.Running)
            {
                await tracker.SetRunStatusAsync(run.RunId, RunStatus.Failed, cancellationToken).ConfigureAwait(false);
                closed.Add(run.RunId);
            }
        }

        return closed;
    }

    /// <summary>Logs the source run's latest metric values onto <paramref name="run"/> (e.g. for a cached stage).</summary>
    public static void CopySummaryMetrics(this ITrackedRun run, TrackedRunInfo source, long step = 0, long? timestampMs = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (key, value) in source.LatestMetrics)
        {
            run.LogMetric(key, value, step, timestampMs);
        }
    }
}
