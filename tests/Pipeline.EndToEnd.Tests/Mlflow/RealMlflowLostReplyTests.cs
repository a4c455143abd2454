using Pipeline.Tracking;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Tags;

namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// A real MLflow server behind a proxy that loses every fourth reply after the server handled the request:
/// retried creates, batches and updates leave exactly one run per start and every metric point exactly once.
/// </summary>
public sealed class RealMlflowLostReplyTests
{
    [RealMlflowFact]
    public async Task A_quarter_of_replies_lost_leaves_no_duplicate_run_and_no_lost_or_duplicated_point()
    {
        await using var server = await RealMlflowServer.StartAsync();
        using var proxy = new LossyProxy(server.Uri, (path, ordinal) => path.StartsWith("/api/2.0/mlflow/", StringComparison.Ordinal) && ordinal % 4 == 3);
        var settings = TrackingSettings.Resolve(new TrackingSources("pipe", CommandLineUri: proxy.Uri, PipelineExperiment: "lossy"), new Dictionary<string, string>());

        // A lost reply is noticed when its attempt times out; every retry is idempotent, so a slow reply that
        // times out too changes how long this takes, never what the server holds.
        var retry = new RetryOptions { MaxRetryAttempts = 6, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100), AttemptTimeout = TimeSpan.FromSeconds(1) };
        var stages = new[] { "download", "augment_preview", "pretrain", "linear_eval", "embed", "tsne", "report" };
        await using (var tracker = new RestExperimentTracker(settings, new TrackerOptions { Retry = retry, UserName = "e2e" }))
        {
            var parent = await tracker.StartRunAsync("parent", null, RunTags.ForParent("parent", "smoke.yaml", null, "pr-lossy", "e2e"), CancellationToken.None);
            foreach (var stage in stages)
            {
                var child = await tracker.StartRunAsync(stage, parent.RunId, RunTags.ForChild(stage, stage, "pr-lossy"), CancellationToken.None);
                child.LogParam("stage", stage);
                for (var step = 0; step < 10; step++)
                {
                    child.LogMetric("loss", 1.0 / (step + 1), step, 1_000 + step);
                    if (step == 4)
                    {
                        await child.FlushAsync(CancellationToken.None);
                    }
                }

                await child.EndAsync(RunStatus.Finished, CancellationToken.None);
                await child.DisposeAsync();
            }

            await parent.EndAsync(RunStatus.Finished, CancellationToken.None);
            await parent.DisposeAsync();
            Assert.False(tracker.IsOffline);
        }

        Assert.True(proxy.Lost >= 10, $"only {proxy.Lost} replies were lost");
        var runs = await server.RunsAsync("lossy");
        Assert.Equal(1 + stages.Length, runs.Count);
        Assert.All(runs, r => Assert.Equal("FINISHED", (string)r!["status"]!));
        foreach (var child in runs.Where(r => r!["tags"]!["mlflow.parentRunId"] is not null))
        {
            var history = await server.HistoryAsync((string)child!["run_id"]!, "loss");
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), history.Select(p => p.Step).Order());
        }
    }
}
