using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator;
using Pipeline.Orchestrator.Tracking;
using Pipeline.Tracking;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>
/// A resumed stage's run says which run it continues (the killed one of the same cache key), and logs only the
/// metric points the runs it continues lack.
/// </summary>
public sealed class TrackingObserverResumeTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-observer-resume-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static TrackedRunInfo Run(string id, RunStatus status, long start, string key) => new(
        id, "1", "pretrain", status, start, null, string.Empty, new Dictionary<string, double>(), new Dictionary<string, string>(),
        new Dictionary<string, string> { ["pipeline.key"] = key, ["pipeline.run_id"] = "pr-" + id });

    [Fact]
    public async Task Resumed_stage_run_is_tagged_with_the_killed_run_it_continues()
    {
        var pipeline = new PipelineValidator(StageRegistry.Create()).Load(Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"));
        var tracker = new RecordingTracker();
        tracker.ParentGate.SetResult();
        tracker.Known["older-killed"] = Run("older-killed", RunStatus.Failed, 1, "k1");
        tracker.Known["killed"] = Run("killed", RunStatus.Failed, 5, "k1");
        tracker.Known["finished"] = Run("finished", RunStatus.Finished, 9, "k1");
        tracker.Known["other-key"] = Run("other-key", RunStatus.Failed, 9, "k2");
        var record = new RunRecord { RunId = "r3", Pipeline = "smoke", PipelineFile = "smoke.yaml" };
        var observer = new TrackingObserver(tracker, pipeline, new ArtifactStore(_work), "r3", "third", NullLogger.Instance);

        observer.RunStarted(record, []);
        observer.StageStarted("pretrain", "k1", "resuming", resuming: true);
        observer.StageCompleted(new StageRecord { Id = "pretrain", Type = "simclr-pretrain", Key = "k1", Status = StageStatus.Succeeded });
        observer.RunCompleted(record with { Status = "succeeded" });
        await observer.CompleteAsync(TimeSpan.FromMinutes(1));

        var child = tracker.Runs.Single(r => r.Name == "pretrain");
        Assert.Equal("true", child.Tags["pipeline.resumed"]);
        Assert.Equal("killed", child.Tags["pipeline.resumed_from_run_id"]);
        Assert.Equal("pr-killed", child.Tags["pipeline.resumed_from_pipeline_run"]);
    }

    [Fact]
    public async Task Resumed_stage_run_logs_only_the_points_the_runs_it_continues_lack()
    {
        var pipeline = new PipelineValidator(StageRegistry.Create()).Load(Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"));
        var tracker = new RecordingTracker();
        tracker.ParentGate.SetResult();
        static IReadOnlyList<MetricPoint> Steps(string key, params long[] steps) => steps.Select(s => new MetricPoint(key, 1.0, 0, s)).ToList();
        var latest = new Dictionary<string, double> { ["train_loss_step"] = 1, ["train_loss_epoch"] = 1, ["system/cpu_utilization_percentage"] = 1 };

        // The first run got steps 1-3 out; the second, which continued it, steps 4-5 and epoch 1; the third is now resumed.
        tracker.Known["first"] = Run("first", RunStatus.Killed, 1, "k1") with { LatestMetrics = latest };
        tracker.Known["second"] = Run("second", RunStatus.Killed, 5, "k1") with
        {
            LatestMetrics = latest,
            Tags = new Dictionary<string, string> { ["pipeline.key"] = "k1", ["pipeline.resumed_from_run_id"] = "first" },
        };
        tracker.Histories[("first", "train_loss_step")] = Steps("train_loss_step", 1, 2, 3);
        tracker.Histories[("second", "train_loss_step")] = Steps("train_loss_step", 4, 5);
        tracker.Histories[("second", "train_loss_epoch")] = Steps("train_loss_epoch", 1);
        tracker.Histories[("second", "system/cpu_utilization_percentage")] = Steps("system/cpu_utilization_percentage", 0, 1);
        var record = new RunRecord { RunId = "r3", Pipeline = "smoke", PipelineFile = "smoke.yaml" };
        var observer = new TrackingObserver(tracker, pipeline, new ArtifactStore(_work), "r3", "third", NullLogger.Instance);

        observer.RunStarted(record, []);
        observer.StageStarted("pretrain", "k1", "resuming", resuming: true);
        for (var step = 1; step <= 8; step++)
        {
            observer.StageEvent("pretrain", new StageEvent { Kind = StageEventKind.Metric, Key = "train_loss_step", Value = step, Step = step });
        }

        observer.StageEvent("pretrain", new StageEvent { Kind = StageEventKind.Metric, Key = "train_loss_epoch", Value = 1, Step = 1 });
        observer.StageEvent("pretrain", new StageEvent { Kind = StageEventKind.Metric, Key = "train_loss_epoch", Value = 2, Step = 2 });
        observer.StageCompleted(new StageRecord { Id = "pretrain", Type = "simclr-pretrain", Key = "k1", Status = StageStatus.Succeeded });
        observer.RunCompleted(record with { Status = "succeeded" });
        await observer.CompleteAsync(TimeSpan.FromMinutes(1));

        var child = tracker.Runs.Single(r => r.Name == "pretrain");
        Assert.Equal("second", child.Tags["pipeline.resumed_from_run_id"]);
        Assert.Equal([6L, 7, 8], child.Metrics.Where(m => m.Key == "train_loss_step").Select(m => m.Step));
        Assert.Equal([2L], child.Metrics.Where(m => m.Key == "train_loss_epoch").Select(m => m.Step));
    }
}
