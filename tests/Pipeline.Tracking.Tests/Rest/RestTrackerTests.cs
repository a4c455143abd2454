using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Tags;
using Pipeline.Tracking.Tests.Fakes;

namespace Pipeline.Tracking.Tests.Rest;

public class RestTrackerTests
{
    [Fact]
    public async Task Experiment_is_created_once_and_found_afterwards()
    {
        using var server = new FakeMlflowServer();
        await using var first = TestTrackers.Rest(server, null);
        await using var second = TestTrackers.Rest(server, null);

        var created = await first.GetOrCreateExperimentAsync(CancellationToken.None);
        var found = await second.GetOrCreateExperimentAsync(CancellationToken.None);

        Assert.NotNull(created);
        Assert.Equal(created, found);
        Assert.Equal(1, server.ExperimentCount("exp"));
    }

    [Fact]
    public async Task Create_race_lost_with_resource_already_exists_falls_back_to_get_by_name()
    {
        using var server = new FakeMlflowServer { LoseCreateRace = true };
        await using var tracker = TestTrackers.Rest(server, null);

        var id = await tracker.GetOrCreateExperimentAsync(CancellationToken.None);

        Assert.Equal("1", id);
        Assert.Equal(1, server.ExperimentCount("exp"));
    }

    [Fact]
    public async Task Run_lifecycle_lands_on_the_server()
    {
        using var server = new FakeMlflowServer();
        await using var tracker = TestTrackers.Rest(server, null);
        var parentTags = RunTags.ForParent("pipe-run", "pipelines/smoke.yaml", "abc123", "pr-1", user: "tester");

        await using var parent = await tracker.StartRunAsync("pipe-run", null, parentTags, CancellationToken.None);
        await using var child = await tracker.StartRunAsync("pretrain", parent.RunId, RunTags.ForChild("pretrain", "pretrain", "pr-1"), CancellationToken.None);
        child.LogParam("lr", "0.1");
        child.SetTag("phase", "train");
        for (var step = 0; step < 10; step++)
        {
            child.LogMetric("loss", 1.0 / (step + 1), step, 1000 + step);
        }

        child.LogMetric("nan_metric", double.NaN, 0, 5);
        await child.EndAsync(RunStatus.Finished, CancellationToken.None);
        await parent.EndAsync(RunStatus.Failed, CancellationToken.None);

        var serverChild = server.Runs[child.RunId];
        Assert.Equal("FINISHED", serverChild.Status);
        Assert.NotNull(serverChild.EndTime);
        Assert.Equal("0.1", serverChild.Params["lr"]);
        Assert.Equal("train", serverChild.Tags["phase"]);
        Assert.Equal(parent.RunId, serverChild.Tags[MlflowTagNames.ParentRunId]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), serverChild.Metrics.Where(m => m.Key == "loss").Select(m => m.Step));
        Assert.True(double.IsNaN(serverChild.Metrics.Single(m => m.Key == "nan_metric").Value));
        var serverParent = server.Runs[parent.RunId];
        Assert.Equal("FAILED", serverParent.Status);
        Assert.Equal("abc123", serverParent.Tags[MlflowTagNames.GitCommit]);
        Assert.Equal("pipelines/smoke.yaml", serverParent.Tags[MlflowTagNames.SourceName]);
        Assert.Equal("pipe-run", serverParent.Tags[MlflowTagNames.RunName]);
        Assert.Equal("tester", serverParent.Tags[MlflowTagNames.User]);
    }

    [Fact]
    public async Task Large_batches_are_split_within_mlflow_limits()
    {
        using var server = new FakeMlflowServer();
        await using var tracker = TestTrackers.Rest(server, null);
        await using var run = await tracker.StartRunAsync("big", null, new Dictionary<string, string>(), CancellationToken.None);

        for (var i = 0; i < 250; i++)
        {
            run.LogParam($"p{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            run.SetTag($"t{i}", "x");
        }

        for (var step = 0; step < 2500; step++)
        {
            run.LogMetric("m", step, step, 1);
        }

        await run.EndAsync(RunStatus.Finished, CancellationToken.None);

        var state = server.Runs[run.RunId];
        Assert.Equal(250, state.Params.Count);
        Assert.Equal(250 + 2, state.Tags.Count); // and mlflow.runName, pipeline.client_run_id
        Assert.Equal(2500, state.Metrics.Count);
        Assert.InRange(server.MaxMetricsInOneBatch, 1, 1000);
    }

    [Fact]
    public async Task Same_param_value_again_is_accepted_and_a_different_value_is_a_warning_not_a_failure()
    {
        using var server = new FakeMlflowServer { RejectSameValueParams = true };
        var logs = new CapturingLoggerFactory();
        await using var tracker = TestTrackers.Rest(server, null, logs);
        await using var run = await tracker.StartRunAsync("params", null, new Dictionary<string, string>(), CancellationToken.None);

        run.LogParam("a", "1");
        await run.FlushAsync(CancellationToken.None);
        run.LogParam("a", "1");
        run.LogParam("b", "2");
        run.LogMetric("m", 1, 0, 1);
        await run.FlushAsync(CancellationToken.None);
        run.LogParam("b", "changed");
        await run.EndAsync(RunStatus.Finished, CancellationToken.None);

        var state = server.Runs[run.RunId];
        Assert.Equal("1", state.Params["a"]);
        Assert.Equal("2", state.Params["b"]);
        Assert.Single(state.Metrics);
        Assert.Equal("FINISHED", state.Status);
        Assert.Single(logs.At(LogLevel.Warning), l => l.Contains("'b'", StringComparison.Ordinal) && l.Contains("immutable", StringComparison.Ordinal));
        Assert.Empty(logs.At(LogLevel.Error));
    }

    [Fact]
    public async Task Over_long_values_are_truncated_with_a_warning_and_bad_keys_rejected()
    {
        using var server = new FakeMlflowServer();
        var logs = new CapturingLoggerFactory();
        await using var tracker = TestTrackers.Rest(server, null, logs);
        await using var run = await tracker.StartRunAsync("long", null, new Dictionary<string, string>(), CancellationToken.None);

        run.LogParam("p", new string('x', 7000));
        run.SetTag("t", new string('y', 9000));
        Assert.Throws<ArgumentException>(() => run.LogParam(new string('k', 251), "v"));
        Assert.Throws<ArgumentException>(() => run.LogMetric("../escape", 1, 0));
        await run.EndAsync(RunStatus.Finished, CancellationToken.None);

        Assert.Equal(6000, server.Runs[run.RunId].Params["p"].Length);
        Assert.Equal(8000, server.Runs[run.RunId].Tags["t"].Length);
        Assert.Equal(2, logs.At(LogLevel.Warning).Count(l => l.Contains("Truncated", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Artifacts_are_uploaded_to_the_proxy_and_listed()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        var file = temp.Sub("model.bin");
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(file, bytes);
        Directory.CreateDirectory(temp.Sub("plots/sub"));
        await File.WriteAllTextAsync(temp.Sub("plots/a.txt"), "a");
        await File.WriteAllTextAsync(temp.Sub("plots/sub/b.txt"), "b");
        await using var tracker = TestTrackers.Rest(server, null);
        await using var run = await tracker.StartRunAsync("art", null, new Dictionary<string, string>(), CancellationToken.None);

        await run.LogArtifactAsync(file, "checkpoints", CancellationToken.None);
        await run.LogArtifactAsync(temp.Sub("plots"), "plots", CancellationToken.None);

        var root = $"{run.ExperimentId}/{run.RunId}/artifacts/";
        Assert.Equal(bytes, server.Artifacts[root + "checkpoints/model.bin"]);
        Assert.Equal("b"u8.ToArray(), server.Artifacts[root + "plots/sub/b.txt"]);
        using var client = new MlflowRestClient(TestTrackers.Settings(server.Uri), TestTrackers.FastRetry, new CapturingLoggerFactory().CreateLogger("t"));
        var listed = await client.ListArtifactsAsync(run.RunId, "plots", CancellationToken.None);
        Assert.Equal(["plots/a.txt", "plots/sub"], listed.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.True(listed.Single(f => f.Path == "plots/sub").IsDir);
    }

    [Fact]
    public async Task Runs_are_found_by_tag_and_stale_running_runs_are_closed_as_failed()
    {
        using var server = new FakeMlflowServer();
        await using var killed = TestTrackers.Rest(server, null);
        var stale = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var run = await killed.StartRunAsync($"stage{i}", null, RunTags.ForChild($"stage{i}", $"stage{i}", "pr-7"), CancellationToken.None);
            stale.Add(run.RunId);
        }

        var done = await killed.StartRunAsync("done", null, RunTags.ForChild("done", "done", "pr-7"), CancellationToken.None);
        await done.EndAsync(RunStatus.Finished, CancellationToken.None);
        await killed.StartRunAsync("other", null, RunTags.ForChild("x", "x", "pr-8"), CancellationToken.None);

        await using var resumed = TestTrackers.Rest(server, null);
        var closed = await resumed.CloseStaleRunsAsync("pr-7", CancellationToken.None);

        Assert.Equal(stale.Order(StringComparer.Ordinal), closed.Order(StringComparer.Ordinal));
        Assert.All(stale, id => Assert.Equal("FAILED", server.Runs[id].Status));
        Assert.Equal("FINISHED", server.Runs[done.RunId].Status);
        Assert.Equal(4, (await resumed.FindRunsAsync(PipelineTagNames.PipelineRunId, "pr-7", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Summary_metrics_of_a_source_run_can_be_copied()
    {
        using var server = new FakeMlflowServer();
        await using var tracker = TestTrackers.Rest(server, null);
        var source = await tracker.StartRunAsync("source", null, new Dictionary<string, string>(), CancellationToken.None);
        source.LogMetric("acc", 0.5, 0, 1);
        source.LogMetric("acc", 0.9, 1, 2);
        source.LogParam("lr", "0.1");
        await source.EndAsync(RunStatus.Finished, CancellationToken.None);

        var info = await tracker.GetRunAsync(source.RunId, CancellationToken.None);
        var copy = await tracker.StartRunAsync("copy", null, new Dictionary<string, string>(), CancellationToken.None);
        copy.CopySummaryMetrics(info!);
        await copy.EndAsync(RunStatus.Finished, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, info!.Status);
        Assert.Equal("0.1", info.Params["lr"]);
        Assert.Equal(0.9, Assert.Single(server.Runs[copy.RunId].Metrics).Value);
        Assert.Null(await tracker.GetRunAsync("0123456789abcdef0123456789abcdef", CancellationToken.None));
    }

    [Fact]
    public async Task Permission_error_spools_and_the_warning_names_the_variables_to_set()
    {
        using var server = new FakeMlflowServer { DenyCreateExperiment = true };
        using var temp = new TempFolder();
        var logs = new CapturingLoggerFactory();
        await using var tracker = TestTrackers.Rest(server, temp.Path, logs);

        Assert.Null(await tracker.GetOrCreateExperimentAsync(CancellationToken.None));

        Assert.True(tracker.IsOffline);
        var warning = Assert.Single(logs.At(Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.Contains("403 PERMISSION_DENIED", warning, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_TOKEN", warning, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_USERNAME", warning, StringComparison.Ordinal);
    }
}
