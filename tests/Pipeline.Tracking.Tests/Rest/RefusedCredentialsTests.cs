using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Spool;
using Pipeline.Tracking.Tests.Fakes;

namespace Pipeline.Tracking.Tests.Rest;

/// <summary>A 401/403 never loses events: runs started with bad credentials are spooled, and a sync keeps them pending.</summary>
public class RefusedCredentialsTests
{
    private const string GoodToken = "tok-GOOD-55aa";
    private const string BadToken = "tok-BAD-66bb";

    private static TrackingSettings WithToken(FakeMlflowServer server, string token) =>
        TestTrackers.Settings(server.Uri, env: new Dictionary<string, string> { [TrackingEnvironment.Token] = token });

    private static async Task SpoolOneRunAsync(FakeMlflowServer server, string spool, CapturingLoggerFactory logs)
    {
        await using var tracker = TestTrackers.Rest(WithToken(server, BadToken), spool, logs);
        var run = await tracker.StartRunAsync("train", null, new Dictionary<string, string>(), CancellationToken.None);
        run.LogParam("lr", "0.1");
        run.LogMetric("loss", 0.5, 0, 10);
        run.LogMetric("loss", 0.25, 1, 20);
        await run.EndAsync(RunStatus.Finished, CancellationToken.None);
    }

    [Fact]
    public async Task Wrong_token_at_run_start_spools_the_run_says_so_and_a_later_replay_sends_it()
    {
        using var server = new FakeMlflowServer { RequiredToken = GoodToken };
        using var temp = new TempFolder();
        var logs = new CapturingLoggerFactory();

        await SpoolOneRunAsync(server, temp.Path, logs);

        Assert.Empty(server.Runs);
        Assert.True(SpoolReplayer.PendingCount(temp.Path) >= 3);
        var warnings = string.Join('\n', logs.At(LogLevel.Warning));
        Assert.Contains("401 UNAUTHENTICATED", warnings, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_TOKEN", warnings, StringComparison.Ordinal);
        Assert.Contains("spooled", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain(BadToken, logs.AllText, StringComparison.Ordinal);

        var result = await new SpoolReplayer(WithToken(server, GoodToken), TestTrackers.FastRetry, logs).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(result.Completed);
        var run = server.SingleRun("train");
        Assert.Equal("FINISHED", run.Status);
        Assert.Equal("0.1", run.Params["lr"]);
        Assert.Equal([0L, 1L], run.Metrics.Select(m => m.Step).Order());
    }

    [Fact]
    public async Task Replay_refused_with_401_stops_keeps_every_event_pending_and_names_the_variables()
    {
        using var server = new FakeMlflowServer { RequiredToken = GoodToken };
        using var temp = new TempFolder();
        var logs = new CapturingLoggerFactory();
        await SpoolOneRunAsync(server, temp.Path, logs);
        var pending = SpoolReplayer.PendingCount(temp.Path);

        var refused = await new SpoolReplayer(WithToken(server, BadToken), TestTrackers.FastRetry, logs).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.False(refused.Completed);
        Assert.True(refused.CredentialsRefused);
        Assert.Equal(0, refused.Failed);
        Assert.Equal(pending, refused.Pending);
        Assert.Equal(pending, SpoolReplayer.PendingCount(temp.Path));
        Assert.Contains("MLFLOW_TRACKING_TOKEN", refused.StopReason, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_PASSWORD", refused.StopReason, StringComparison.Ordinal);
        Assert.DoesNotContain(BadToken, refused.StopReason, StringComparison.Ordinal);
        Assert.Empty(server.Runs);

        var again = await new SpoolReplayer(WithToken(server, GoodToken), TestTrackers.FastRetry, logs).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(again.Completed);
        Assert.Equal(pending, again.Sent);
        Assert.Equal("FINISHED", server.SingleRun("train").Status);
    }

    [Fact]
    public async Task Replay_refused_with_403_also_keeps_every_event_pending()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        server.Start();
        server.DenyCreateExperiment = true;
        var pending = SpoolReplayer.PendingCount(temp.Path);

        var refused = await new SpoolReplayer(TestTrackers.Settings(server.Uri), TestTrackers.FastRetry, new CapturingLoggerFactory()).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(refused.CredentialsRefused);
        Assert.Equal(pending, SpoolReplayer.PendingCount(temp.Path));
        Assert.Contains("403 PERMISSION_DENIED", refused.StopReason, StringComparison.Ordinal);
    }
}
