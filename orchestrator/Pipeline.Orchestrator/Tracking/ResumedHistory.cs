using Microsoft.Extensions.Logging;
using Pipeline.Tracking;
using Pipeline.Tracking.SystemMetrics;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>
/// The metric steps the runs a resumed stage continues already hold (the killed run, and the runs it continued in
/// turn), so the resumed run logs only the points they lack: a point the checkpoint restores, or the killed process
/// computed again after its checkpoint, lands in MLflow once across the chain. System metrics are left out: they
/// describe each process, step by step.
/// </summary>
internal sealed class ResumedHistory
{
    /// <summary>The tag naming the run a resumed stage's run continues.</summary>
    public const string ResumedFromTag = "pipeline.resumed_from_run_id";

    private const int MaxChain = 100;
    private readonly Dictionary<string, HashSet<long>> _steps = new(StringComparer.Ordinal);

    public static readonly ResumedHistory Empty = new();

    /// <summary>True when a run of the chain already holds <paramref name="key"/> at <paramref name="step"/>.</summary>
    public bool Holds(string key, long step) => _steps.TryGetValue(key, out var steps) && steps.Contains(step);

    /// <summary>
    /// Reads the chain back from <paramref name="previous"/>. On a tracking error it logs it and holds nothing, so
    /// every point is logged again: a duplicate can be told apart, a lost point cannot be got back.
    /// </summary>
    public static async Task<ResumedHistory> LoadAsync(IExperimentTracker tracker, TrackedRunInfo previous, ILogger logger)
    {
        var history = new ResumedHistory();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        TrackedRunInfo? run = previous;
        try
        {
            while (run is not null && seen.Add(run.RunId) && seen.Count <= MaxChain)
            {
                foreach (var key in run.LatestMetrics.Keys.Where(k => !k.StartsWith(SystemMetricNames.Prefix, StringComparison.Ordinal)))
                {
                    var steps = history._steps.TryGetValue(key, out var known) ? known : history._steps[key] = [];
                    foreach (var point in await tracker.GetMetricHistoryAsync(run.RunId, key, CancellationToken.None).ConfigureAwait(false))
                    {
                        steps.Add(point.Step);
                    }
                }

                run = run.Tags.TryGetValue(ResumedFromTag, out var earlier)
                    ? await tracker.GetRunAsync(earlier, CancellationToken.None).ConfigureAwait(false)
                    : null;
            }
        }
        catch (TrackingException e)
        {
            logger.LogWarning("tracking: could not read the metrics of the run a resumed stage continues, so it logs every point again: {Message}", e.Message);
            return Empty;
        }

        return history;
    }

}
