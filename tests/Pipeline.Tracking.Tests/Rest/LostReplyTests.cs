using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Spool;
using Pipeline.Tracking.Tags;
using Pipeline.Tracking.Tests.Fakes;

namespace Pipeline.Tracking.Tests.Rest;

/// <summary>A runs/create whose reply is lost after the server committed it never leaves a second run behind.</summary>
public class LostReplyTests
{
    // A lost reply is noticed when the attempt times out; short, so the tests stay fast (no assert depends on it).
    private static readonly RetryOptions Retry = TestTrackers.FastRetry with { AttemptTimeout = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task Lost_create_reply_is_retried_without_creating_a_duplicate_run()
    {
        using var server = new FakeMlflowServer();
        await using var tracker = TestTrackers.Rest(TestTrackers.Settings(server.Uri), null, retry: Retry);
        await tracker.GetOrCreateExperimentAsync(CancellationToken.None);
        server.LoseCreateReplies(2);

        await using var run = await tracker.StartRunAsync("train", null, new Dictionary<string, string>(), CancellationToken.None);
        await run.EndAsync(RunStatus.Finished, CancellationToken.None);

        var only = server.SingleRun("train");
        Assert.Equal(only.RunId, run.RunId);
        Assert.Equal("FINISHED", only.Status);
        Assert.Equal(32, only.Tags[PipelineTagNames.ClientRunId].Length);
    }

    [Fact]
    public async Task Create_lost_on_its_last_attempt_is_spooled_and_replay_finds_the_run_instead_of_making_another()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        var once = Retry with { MaxRetryAttempts = 0 };
        await using (var tracker = TestTrackers.Rest(TestTrackers.Settings(server.Uri), temp.Path, retry: once))
        {
            await tracker.GetOrCreateExperimentAsync(CancellationToken.None);
            server.LoseCreateReplies(1);
            var run = await tracker.StartRunAsync("train", null, new Dictionary<string, string>(), CancellationToken.None);
            Assert.True(SpoolRunIds.IsLocal(run.RunId));
            run.LogMetric("loss", 0.5, 0, 10);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        var result = await new SpoolReplayer(TestTrackers.Settings(server.Uri), Retry, new CapturingLoggerFactory()).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(result.Completed);
        var only = server.SingleRun("train");
        Assert.Equal("FINISHED", only.Status);
        Assert.Single(only.Metrics);
        Assert.Equal(only.RunId, result.RunIdMap.Values.Single());
    }

    [Fact]
    public async Task Lost_create_reply_during_replay_leaves_one_run()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(TestTrackers.Settings(server.Uri), temp.Path, retry: Retry))
        {
            var parent = await tracker.StartRunAsync("parent", null, new Dictionary<string, string>(), CancellationToken.None);
            var child = await tracker.StartRunAsync("child", parent.RunId, new Dictionary<string, string>(), CancellationToken.None);
            await child.EndAsync(RunStatus.Finished, CancellationToken.None);
            await parent.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        server.Start();
        server.LoseCreateReplies(2);
        var result = await new SpoolReplayer(TestTrackers.Settings(server.Uri), Retry, new CapturingLoggerFactory()).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(0, result.Failed);
        var parentRun = server.SingleRun("parent");
        Assert.Equal(parentRun.RunId, server.SingleRun("child").Tags[MlflowTagNames.ParentRunId]);
        Assert.Equal("FINISHED", parentRun.Status);
    }
}
