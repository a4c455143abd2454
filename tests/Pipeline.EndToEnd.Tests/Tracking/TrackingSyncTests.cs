using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Engine.Caching;
using Pipeline.Orchestrator.Tracking;
using Pipeline.Tracking;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Spool;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>What <c>tracking sync</c> does with a spool when the server refuses the credentials, and with the cache index after a replay.</summary>
public sealed class TrackingSyncTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-sync-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Sync_refused_with_401_keeps_every_event_pending_and_says_which_variables_to_set()
    {
        using var server = new UnauthorizedServer();
        var settings = TrackingSettings.Resolve(
            new TrackingSources("smoke", CommandLineUri: server.Uri, PipelineExperiment: "smoke"),
            new Dictionary<string, string> { [TrackingEnvironment.Token] = "tok-WRONG-0001" });
        var spool = Path.Combine(_work, "runs", "r1");
        var fast = new RetryOptions { MaxRetryAttempts = 0, AttemptTimeout = TimeSpan.FromSeconds(30) };
        await using (var tracker = new RestExperimentTracker(settings, new TrackerOptions { SpoolDirectory = spool, Retry = fast }))
        {
            var run = await tracker.StartRunAsync("train", null, new Dictionary<string, string>(), CancellationToken.None);
            run.LogMetric("loss", 1, 0, 1);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
            Assert.True(tracker.IsOffline);
        }

        var pending = SpoolReplayer.PendingCount(spool);
        var said = new List<string>();

        var outcome = await TrackingSetup.SyncAsync(settings, _work, NullLoggerFactory.Instance, said.Add, CancellationToken.None);

        Assert.True(pending >= 3);
        Assert.Equal(pending, outcome.Pending);
        Assert.Equal(pending, SpoolReplayer.PendingCount(spool));
        Assert.NotNull(outcome.CredentialsProblem);
        var text = string.Join('\n', said);
        Assert.Contains("MLFLOW_TRACKING_TOKEN", text, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_PASSWORD", text, StringComparison.Ordinal);
        Assert.Contains("into experiment 'smoke'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-WRONG-0001", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Replayed_local_ids_in_the_cache_index_are_rewritten_to_the_server_ids()
    {
        var store = new ArtifactStore(_work);
        TrackingIndex.Write(store, "k-offline", "local-0123");
        TrackingIndex.Write(store, "k-online", "abcdef");
        TrackingIndex.Write(store, "k-other", "local-9999");

        var changed = TrackingIndex.ReplaceLocalIds(_work, new Dictionary<string, string> { ["local-0123"] = "server-1" });

        Assert.Equal(1, changed);
        Assert.Equal("server-1", TrackingIndex.Read(store, "k-offline"));
        Assert.Equal("abcdef", TrackingIndex.Read(store, "k-online"));
        Assert.Equal("local-9999", TrackingIndex.Read(store, "k-other"));
    }
}
