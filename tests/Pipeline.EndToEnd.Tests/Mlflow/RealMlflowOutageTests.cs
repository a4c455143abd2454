using Pipeline.Tracking;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Spool;
using Pipeline.Tracking.Tags;

namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// A real MLflow server behind a proxy that first answers a burst of 503s (the tracker retries and stays online),
/// then goes down (connections refused: the tracker goes offline and spools; a <c>tracking sync</c> during the
/// outage keeps it all pending and exits 1), then recovers: <c>tracking sync</c>, met by another 503 burst, sends
/// the spool, and MLflow holds one FINISHED run per start and every metric point exactly once.
/// </summary>
public sealed class RealMlflowOutageTests : IDisposable
{
    private const int Steps = 12;
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-mlflow-outage-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [RealMlflowFact]
    public async Task A_503_burst_is_retried_an_outage_is_spooled_and_sync_leaves_nothing_lost_or_duplicated()
    {
        await using var server = await RealMlflowServer.StartAsync();
        using var proxy = new LossyProxy(server.Uri, (_, _) => false);
        var settings = TrackingSettings.Resolve(new TrackingSources("pipe", CommandLineUri: proxy.Uri, PipelineExperiment: "outage"), new Dictionary<string, string>());
        var spool = Path.Combine(_work, "artifacts", "runs", "r-outage");
        var retry = new RetryOptions { MaxRetryAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(5) };
        var started = new List<string>();
        await using (var tracker = new RestExperimentTracker(settings, new TrackerOptions { Retry = retry, UserName = "e2e", SpoolDirectory = spool }))
        {
            var parent = await tracker.StartRunAsync("parent", null, RunTags.ForParent("parent", "outage.yaml", null, "r-outage", "e2e"), CancellationToken.None);
            var before = await StartAsync(tracker, parent, "before");
            Log(before, 0, 4);
            await before.FlushAsync(CancellationToken.None);

            // A burst shorter than the retries: a run is created and points are sent through it, once each.
            proxy.AnswerUnavailable(3);
            var burst = await StartAsync(tracker, parent, "burst");
            Log(before, 4, 8);
            Log(burst, 0, 8);
            await before.FlushAsync(CancellationToken.None);
            await burst.FlushAsync(CancellationToken.None);
            Assert.False(tracker.IsOffline, "a 503 burst shorter than the retries took the tracker offline");
            Assert.Equal(3, proxy.Unavailable);

            // An outage longer than the retries: the rest of the runs, and a run started during it, go to the spool.
            proxy.Down = true;
            Log(before, 8, Steps);
            await before.FlushAsync(CancellationToken.None);
            Assert.True(tracker.IsOffline, $"the tracker did not go offline during the outage (the server holds {(await server.HistoryAsync(before.RunId, "loss")).Count} points of 'before')");
            var during = await StartAsync(tracker, parent, "during");
            Log(burst, 8, Steps);
            Log(during, 0, Steps);
            foreach (var run in new[] { before, burst, during, parent })
            {
                await run.EndAsync(RunStatus.Finished, CancellationToken.None);
                await run.DisposeAsync();
            }

            started.AddRange(["parent", "before", "burst", "during"]);
        }

        var spooled = SpoolReplayer.PendingCount(spool);
        Assert.True(spooled > 0, "nothing was spooled");

        var oneRetry = new Dictionary<string, string> { ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "1" };
        using (var refused = await Orchestrator.RunAsync(_work, oneRetry, "tracking", "sync", "--tracking-uri", proxy.Uri))
        {
            Assert.True(refused.ExitCode == 1, refused.Stdout + refused.Stderr);
            Assert.Contains("still pending", refused.Stdout, StringComparison.Ordinal);
            Assert.Equal(spooled, SpoolReplayer.PendingCount(spool));
        }

        proxy.Down = false;
        proxy.AnswerUnavailable(2); // the sync meets a short burst too
        using var sync = await Orchestrator.RunAsync(_work, "tracking", "sync", "--tracking-uri", proxy.Uri);
        var output = sync.Stdout + sync.Stderr;
        Assert.True(sync.ExitCode == 0, output);
        Assert.Contains("tracking: nothing pending", output, StringComparison.Ordinal);
        Assert.Equal(0, SpoolReplayer.PendingCount(spool));
        Assert.Equal(5, proxy.Unavailable);

        var runs = await server.RunsAsync("outage");
        Assert.Equal(started.Order(StringComparer.Ordinal), runs.Select(r => (string)r!["name"]!).Order(StringComparer.Ordinal));
        Assert.All(runs, r => Assert.Equal("FINISHED", (string)r!["status"]!));
        foreach (var child in runs.Where(r => r!["tags"]!["mlflow.parentRunId"] is not null))
        {
            var history = await server.HistoryAsync((string)child!["run_id"]!, "loss");
            Assert.Equal(Enumerable.Range(0, Steps).Select(i => (long)i), history.Select(p => p.Step).Order());
            Assert.All(history, p => Assert.Equal(Value(p.Step), p.Value));
        }
    }

    private static async Task<ITrackedRun> StartAsync(RestExperimentTracker tracker, ITrackedRun parent, string name)
    {
        var run = await tracker.StartRunAsync(name, parent.RunId, RunTags.ForChild(name, name, "r-outage"), CancellationToken.None);
        run.LogParam("stage", name);
        return run;
    }

    private static double Value(long step) => 1.0 / (step + 1);

    private static void Log(ITrackedRun run, int from, int to)
    {
        for (var step = from; step < to; step++)
        {
            run.LogMetric("loss", Value(step), step, 1_000 + step);
        }
    }
}
