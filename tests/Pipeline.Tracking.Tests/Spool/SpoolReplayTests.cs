using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Spool;
using Pipeline.Tracking.Tags;
using Pipeline.Tracking.Tests.Fakes;

namespace Pipeline.Tracking.Tests.Spool;

public class SpoolReplayTests
{
    private static SpoolReplayer Replayer(FakeMlflowServer server) =>
        new(TestTrackers.Settings(server.Uri), TestTrackers.FastRetry, new CapturingLoggerFactory());

    [Fact]
    public async Task Burst_of_503_is_retried_and_nothing_is_spooled()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        await using var tracker = TestTrackers.Rest(server, temp.Path);
        await using var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);

        server.FailNext(2);
        run.LogMetric("m", 1, 0, 1);
        await run.FlushAsync(CancellationToken.None);
        server.FailNext(2);
        await run.EndAsync(RunStatus.Finished, CancellationToken.None);

        Assert.Single(server.Runs[run.RunId].Metrics);
        Assert.Equal("FINISHED", server.Runs[run.RunId].Status);
        Assert.False(tracker.IsOffline);
        Assert.False(File.Exists(SpoolPaths.Events(temp.Path)));
    }

    [Fact]
    public async Task Server_down_from_the_start_spools_everything_and_replay_creates_the_runs()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            Assert.Null(await tracker.GetOrCreateExperimentAsync(CancellationToken.None));
            var parent = await tracker.StartRunAsync("parent", null, RunTags.ForParent("parent", "p.yaml", null, "pr-1", "u"), CancellationToken.None);
            var child = await tracker.StartRunAsync("child", parent.RunId, RunTags.ForChild("child", "train", "pr-1"), CancellationToken.None);
            Assert.True(SpoolRunIds.IsLocal(parent.RunId));
            child.LogParam("lr", "0.1");
            for (var step = 0; step < 20; step++)
            {
                child.LogMetric("loss", step * 0.5, step, 100 + step);
            }

            await child.EndAsync(RunStatus.Finished, CancellationToken.None);
            await parent.EndAsync(RunStatus.Finished, CancellationToken.None);
            Assert.True(tracker.IsOffline);
        }

        Assert.InRange(SpoolReplayer.PendingCount(temp.Path), 5, 30);
        server.Start();
        var result = await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(0, result.Failed);
        var serverParent = server.SingleRun("parent");
        var serverChild = server.SingleRun("child");
        Assert.Equal(serverParent.RunId, serverChild.Tags[MlflowTagNames.ParentRunId]);
        Assert.Equal("0.1", serverChild.Params["lr"]);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), serverChild.Metrics.Select(m => m.Step).Order());
        Assert.Equal("FINISHED", serverChild.Status);
        Assert.Equal("FINISHED", serverParent.Status);
        Assert.Equal(serverParent.RunId, result.RunIdMap.Values.Single(v => v == serverParent.RunId));
        Assert.Equal(0, SpoolReplayer.PendingCount(temp.Path));
    }

    [Fact]
    public async Task Server_dying_mid_run_and_coming_back_ends_with_every_step_exactly_once()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        var file = temp.Sub("weights.bin");
        await File.WriteAllBytesAsync(file, [1, 2, 3]);
        string runId;
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            var run = await tracker.StartRunAsync("train", null, new Dictionary<string, string>(), CancellationToken.None);
            runId = run.RunId;
            run.LogParam("epochs", "100");
            for (var step = 0; step < 50; step++)
            {
                run.LogMetric("loss", 1.0 / (step + 1), step, 1000 + step);
            }

            await run.FlushAsync(CancellationToken.None);
            server.Stop();
            run.LogParam("epochs", "100");
            for (var step = 50; step < 100; step++)
            {
                run.LogMetric("loss", 1.0 / (step + 1), step, 1000 + step);
            }

            await run.LogArtifactAsync(file, null, CancellationToken.None);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        Assert.Equal("RUNNING", server.Runs[runId].Status);
        server.Start();
        var result = await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(0, result.Failed);
        var steps = server.Runs[runId].Metrics.Where(m => m.Key == "loss").Select(m => m.Step).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), steps);
        Assert.Equal("FINISHED", server.Runs[runId].Status);
        Assert.Equal("100", server.Runs[runId].Params["epochs"]);
        Assert.Equal([1, 2, 3], server.Artifacts[$"1/{runId}/artifacts/weights.bin"]);
    }

    [Fact]
    public async Task Replaying_again_after_losing_the_offset_file_duplicates_nothing()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
            run.LogParam("a", "1");
            for (var step = 0; step < 250; step++)
            {
                run.LogMetric("m", step % 3, step, 7);
            }

            run.LogMetric("nan", double.NaN, 0, 7);
            await run.EndAsync(RunStatus.Killed, CancellationToken.None);
        }

        server.Start();
        server.RejectSameValueParams = true;
        Assert.True((await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None)).Completed);
        File.Delete(SpoolPaths.Offset(temp.Path));
        var again = await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(again.Completed);
        Assert.Equal(0, again.Failed);
        var run2 = server.SingleRun("r");
        Assert.Equal(251, run2.Metrics.Count);
        Assert.Equal("KILLED", run2.Status);
        Assert.Equal("1", run2.Params["a"]);
    }

    [Fact]
    public async Task Replay_stops_without_throwing_while_the_server_is_still_down_and_resumes_later()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
            run.LogMetric("m", 1, 0, 1);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        var down = await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);
        Assert.False(down.Completed);
        Assert.Equal(3, down.Pending);

        server.Start();
        var up = await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);
        Assert.True(up.Completed);
        Assert.Equal(3, up.Sent);
        Assert.Single(server.SingleRun("r").Metrics);
    }

    [Fact]
    public async Task Ending_a_run_with_a_cancelled_token_spools_the_queue_instead_of_losing_it()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        await using var tracker = TestTrackers.Rest(server, temp.Path);
        var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        server.Stop();
        for (var step = 0; step < 10; step++)
        {
            run.LogMetric("m", step, step, 1);
        }

        await run.EndAsync(RunStatus.Killed, cts.Token);
        server.Start();
        var result = await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(10, server.Runs[run.RunId].Metrics.Count);
        Assert.Equal("KILLED", server.Runs[run.RunId].Status);
    }

    [Fact]
    public async Task A_spooled_run_is_not_created_twice_when_the_offset_was_lost_after_creation()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            var run = await tracker.StartRunAsync("once", null, new Dictionary<string, string>(), CancellationToken.None);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        server.Start();
        await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);
        File.Delete(SpoolPaths.Offset(temp.Path));
        await Replayer(server).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.Single(server.Runs.Values, r => r.RunName == "once");
        Assert.Equal(1, server.ExperimentCount("exp"));
    }

    [Fact]
    public async Task A_torn_last_spool_line_is_ignored_and_cut_before_the_next_append()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            var run = await tracker.StartRunAsync("torn", null, new Dictionary<string, string>(), CancellationToken.None);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        await File.AppendAllTextAsync(SpoolPaths.Events(temp.Path), "{\"seq\":3,\"type\":\"log_b");
        Assert.Equal(2, SpoolReplayer.PendingCount(temp.Path));
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            await tracker.SetRunStatusAsync("0123456789abcdef0123456789abcdef", RunStatus.Failed, CancellationToken.None);
        }

        var lines = await File.ReadAllLinesAsync(SpoolPaths.Events(temp.Path));
        Assert.Equal(3, lines.Length);
        using var third = System.Text.Json.JsonDocument.Parse(lines[2]);
        Assert.Equal(3, third.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(3, SpoolReplayer.PendingCount(temp.Path));
    }
}
