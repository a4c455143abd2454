using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator;
using Pipeline.Orchestrator.Tracking;
using Pipeline.Tracking;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>A cache-hit child carries the computing run's params and final metrics, so the two line up in MLflow's compare view.</summary>
public sealed class TrackingObserverCacheHitTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-observer-hit-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Cache_hit_child_copies_the_computing_run_params_and_final_metrics()
    {
        var pipeline = new PipelineValidator(StageRegistry.Create()).Load(Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"));
        var store = new ArtifactStore(_work);
        var tracker = new RecordingTracker();
        tracker.ParentGate.SetResult();
        tracker.Known["computing"] = new TrackedRunInfo(
            "computing", "1", "pretrain", RunStatus.Finished, 1, 2, "mlflow-artifacts:/1/computing/artifacts",
            new Dictionary<string, double> { ["images_per_second"] = 123.5, ["train_loss_epoch"] = 0.75, ["duration_seconds"] = 40 },
            new Dictionary<string, string> { ["steps_per_epoch"] = "12", ["torch_threads"] = "2", ["epochs"] = "2" },
            new Dictionary<string, string>());
        TrackingIndex.Write(store, "k1", "computing");
        var record = new RunRecord { RunId = "r2", Pipeline = "smoke", PipelineFile = "smoke.yaml" };
        var observer = new TrackingObserver(tracker, pipeline, store, "r2", "second", NullLogger.Instance);

        observer.RunStarted(record, []);
        observer.StageCompleted(new StageRecord
        {
            Id = "pretrain",
            Type = "simclr-pretrain",
            Key = "k1",
            Status = StageStatus.Cached,
            CacheHit = true,
            Summary = new Dictionary<string, double> { ["images_per_second"] = 99, ["final_loss"] = 0.7 },
        });
        observer.RunCompleted(record with { Status = "succeeded" });
        await observer.CompleteAsync(TimeSpan.FromMinutes(1));

        var hit = tracker.Runs.Single(r => r.Name == "pretrain");
        Assert.Equal("hit", hit.Tags["pipeline.cache"]);
        Assert.Equal("computing", hit.Tags["pipeline.cache.source_run_id"]);
        Assert.Equal("12", hit.Params["steps_per_epoch"]);
        Assert.Equal("2", hit.Params["torch_threads"]);
        Assert.Equal(pipeline.Stages["pretrain"].Params.Flat.Single(p => p.Key == "epochs").Value, hit.Params["epochs"]);
        var metrics = hit.Metrics.ToLookup(m => m.Key, m => m.Value);
        Assert.Equal([123.5], metrics["images_per_second"]);
        Assert.Equal([0.75], metrics["train_loss_epoch"]);
        Assert.Equal([0.7], metrics["final_loss"]);
        Assert.Equal([0.0], metrics["duration_seconds"]);
    }
}
