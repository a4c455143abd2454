using System.Globalization;
using Pipeline.Tracking.FileStore;
using Pipeline.Tracking.Tags;
using Pipeline.Tracking.Tests.Fakes;

namespace Pipeline.Tracking.Tests.FileStore;

public class FileStoreTrackerTests
{
    private static FileStoreTracker Tracker(string root, string experiment = "stl10", CapturingLoggerFactory? logs = null) =>
        new(root, experiment, new TrackerOptions { UserName = "tester", LoggerFactory = logs ?? new CapturingLoggerFactory() });

    [Fact]
    public async Task Runs_written_read_back_with_mlflows_documented_layout()
    {
        using var temp = new TempFolder();
        var root = temp.Sub("mlruns");
        await using var tracker = Tracker(root);
        await using var parent = await tracker.StartRunAsync("pipeline", null, RunTags.ForParent("pipeline", "stl10.yaml", "deadbeef", "pr-1", "tester"), CancellationToken.None);
        await using var child = await tracker.StartRunAsync("pretrain", parent.RunId, RunTags.ForChild("pretrain", "pretrain", "pr-1"), CancellationToken.None);
        child.LogParam("optimizer/lr", "0.001");
        child.LogParam("quote", "it's: #1");
        child.SetTag("note", "multi\nline");
        child.LogMetric("train/loss", 2.5, 0, 1000);
        child.LogMetric("train/loss", 1.0, 1, 1001);
        child.LogMetric("nan", double.NaN, 0, 1002);
        await child.EndAsync(RunStatus.Finished, CancellationToken.None);

        var reader = new MlflowFileStoreReader(root);
        var experiments = reader.Experiments();
        var experiment = Assert.Single(experiments, e => e.Name == "stl10");
        Assert.Equal("Default", Assert.Single(experiments, e => e.Id == "0").Name);
        Assert.True(MlflowFileStoreReader.IsQuotedString(experiment.Meta["experiment_id"]));
        Assert.Equal("active", experiment.Meta["lifecycle_stage"].Value);
        Assert.StartsWith("file:///", experiment.Meta["artifact_location"].Value, StringComparison.Ordinal);
        Assert.Equal(new[] { "artifact_location", "creation_time", "experiment_id", "last_update_time", "lifecycle_stage", "name" }, experiment.Meta.Keys);

        var run = reader.ReadRun(experiment.Id, child.RunId);
        Assert.Equal(
            new[] { "artifact_uri", "end_time", "entry_point_name", "experiment_id", "lifecycle_stage", "run_id", "run_name", "run_uuid", "source_name", "source_type", "source_version", "start_time", "status", "user_id" },
            run.Meta.Keys);
        Assert.Equal("3", run.Meta["status"].Value);
        Assert.False(MlflowFileStoreReader.IsQuotedString(run.Meta["status"]));
        Assert.True(MlflowFileStoreReader.IsQuotedString(run.Meta["experiment_id"]));
        Assert.Equal(child.RunId, run.Meta["run_uuid"].Value);
        Assert.Equal("pretrain", run.Meta["run_name"].Value);
        Assert.Equal("4", run.Meta["source_type"].Value);
        Assert.Equal(string.Empty, run.Meta["entry_point_name"].Value);
        Assert.Equal("tester", run.Meta["user_id"].Value);
        Assert.True(long.Parse(run.Meta["end_time"].Value!, CultureInfo.InvariantCulture) > 0);
        Assert.Empty(Assert.IsType<YamlDotNet.RepresentationModel.YamlSequenceNode>(run.TagsNode).Children);
        Assert.Equal($"{experiment.Meta["artifact_location"].Value}/{child.RunId}/artifacts", run.Meta["artifact_uri"].Value);

        Assert.Equal("0.001", run.Params["optimizer/lr"]);
        Assert.Equal("it's: #1", run.Params["quote"]);
        Assert.Equal("multi\nline", run.Tags["note"]);
        Assert.Equal(parent.RunId, run.Tags[MlflowTagNames.ParentRunId]);
        Assert.Equal("pretrain", run.Tags[MlflowTagNames.RunName]);
        Assert.Equal([(1000L, 2.5, 0L), (1001L, 1.0, 1L)], run.Metrics["train/loss"]);
        Assert.True(double.IsNaN(run.Metrics["nan"][0].Value));

        var parentRun = reader.ReadRun(experiment.Id, parent.RunId);
        Assert.Equal("null", parentRun.Meta["end_time"].Value);
        Assert.Equal("1", parentRun.Meta["status"].Value);
        Assert.Equal("deadbeef", parentRun.Tags[MlflowTagNames.GitCommit]);
    }

    [Fact]
    public async Task A_torn_metric_line_is_skipped_by_readers_and_cut_before_the_next_append()
    {
        using var temp = new TempFolder();
        await using var tracker = Tracker(temp.Path);
        var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
        run.LogMetric("acc", 0.5, 0, 10);
        var experimentId = run.ExperimentId!;
        var file = Path.Combine(temp.Path, experimentId, run.RunId, "metrics", "acc");
        await File.AppendAllTextAsync(file, "11 0.7");

        Assert.Single(MlflowFileStoreReader.ReadMetric(file));
        Assert.Equal(0.5, (await tracker.GetRunAsync(run.RunId, CancellationToken.None))!.LatestMetrics["acc"]);

        run.LogMetric("acc", 0.9, 1, 12);

        Assert.Equal("10 0.5 0\n12 0.9 1\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Trackers_creating_the_same_experiment_concurrently_end_with_one_experiment()
    {
        using var temp = new TempFolder();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var contenders = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            await using var tracker = Tracker(temp.Path, "shared");
            return await tracker.GetOrCreateExperimentAsync(CancellationToken.None);
        })).ToList();
        go.SetResult();
        var ids = await Task.WhenAll(contenders);
        var others = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await using var tracker = Tracker(temp.Path, $"other{i}");
            return await tracker.GetOrCreateExperimentAsync(CancellationToken.None);
        })));

        var experiments = new MlflowFileStoreReader(temp.Path).Experiments();
        Assert.Single(experiments, e => e.Name == "shared");
        Assert.Single(experiments, e => e.Name == "Default");
        Assert.Single(ids.Distinct());
        Assert.Equal(4, others.Distinct().Count());
        Assert.Equal(experiments.Count, experiments.Select(e => e.Id).Distinct().Count());
        Assert.Empty(Directory.EnumerateDirectories(temp.Path, ".tmp-*"));
    }

    [Fact]
    public async Task Stale_running_runs_are_found_by_tag_and_closed_as_failed()
    {
        using var temp = new TempFolder();
        await using var tracker = Tracker(temp.Path);
        var stale = await tracker.StartRunAsync("stale", null, RunTags.ForChild("stale", "s", "pr-3"), CancellationToken.None);
        var done = await tracker.StartRunAsync("done", null, RunTags.ForChild("done", "d", "pr-3"), CancellationToken.None);
        await done.EndAsync(RunStatus.Finished, CancellationToken.None);

        await using var resumed = Tracker(temp.Path);
        var closed = await resumed.CloseStaleRunsAsync("pr-3", CancellationToken.None);

        Assert.Equal([stale.RunId], closed);
        Assert.Equal(RunStatus.Failed, (await resumed.GetRunAsync(stale.RunId, CancellationToken.None))!.Status);
        Assert.Equal(RunStatus.Finished, (await resumed.GetRunAsync(done.RunId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Params_are_immutable_and_artifacts_are_copied()
    {
        using var temp = new TempFolder();
        var logs = new CapturingLoggerFactory();
        await using var tracker = Tracker(temp.Sub("store"), logs: logs);
        var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
        run.LogParam("a", "1");
        run.LogParam("a", "1");
        run.LogParam("a", "2");
        var source = temp.Sub("out");
        Directory.CreateDirectory(Path.Combine(source, "nested"));
        await File.WriteAllTextAsync(Path.Combine(source, "nested", "x.txt"), "hello");
        await run.LogArtifactAsync(source, "outputs", CancellationToken.None);

        var info = await tracker.GetRunAsync(run.RunId, CancellationToken.None);
        Assert.Equal("1", info!.Params["a"]);
        Assert.Single(logs.At(Microsoft.Extensions.Logging.LogLevel.Warning), l => l.Contains("immutable", StringComparison.Ordinal));
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(temp.Sub("store"), run.ExperimentId!, run.RunId, "artifacts", "outputs", "nested", "x.txt")));
    }

    [Fact]
    public async Task With_two_folders_of_the_same_name_the_lowest_id_is_used()
    {
        using var temp = new TempFolder();
        foreach (var id in new[] { "7", "3" })
        {
            Directory.CreateDirectory(Path.Combine(temp.Path, id));
            await File.WriteAllTextAsync(Path.Combine(temp.Path, id, "meta.yaml"), $"experiment_id: '{id}'\nlifecycle_stage: active\nname: dup\n");
        }

        await using var tracker = Tracker(temp.Path, "dup");

        Assert.Equal("3", await tracker.GetOrCreateExperimentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_existing_store_written_by_mlflow_is_reused()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "123456789012345678"));
        await File.WriteAllTextAsync(
            Path.Combine(temp.Path, "123456789012345678", "meta.yaml"),
            "artifact_location: file:///x/123456789012345678\ncreation_time: 1\nexperiment_id: '123456789012345678'\nlast_update_time: 1\nlifecycle_stage: active\nname: legacy\n");
        await using var tracker = Tracker(temp.Path, "legacy");

        Assert.Equal("123456789012345678", await tracker.GetOrCreateExperimentAsync(CancellationToken.None));
    }
}
