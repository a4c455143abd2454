using Microsoft.Extensions.Logging;
using Pipeline.Tracking;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>Finds the stage run a resumed stage continues: the latest run of the same cache key that did not finish.</summary>
internal static class ResumedRun
{
    public static async Task<TrackedRunInfo?> FindAsync(IExperimentTracker tracker, string key, string currentRunId, ILogger logger)
    {
        try
        {
            var runs = await tracker.FindRunsAsync("pipeline.key", key, CancellationToken.None).ConfigureAwait(false);
            return runs
                .Where(r => r.RunId != currentRunId && r.Status != RunStatus.Finished)
                .OrderByDescending(r => r.StartTimeMs)
                .FirstOrDefault();
        }
        catch (TrackingException e)
        {
            logger.LogWarning("tracking: could not look up the run a resumed stage continues: {Message}", e.Message);
            return null;
        }
    }
}
