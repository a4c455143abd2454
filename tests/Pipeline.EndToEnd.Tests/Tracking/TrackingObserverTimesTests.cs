using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator;
using Pipeline.Orchestrator.Tracking;
using Pipeline.Tracking;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>Child and parent runs carry the times the engine reported, however far behind the tracking queue is.</summary>
public sealed class TrackingObserverTimesTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-observer-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Stage_runs_get_the_stage_own_start_and_end_not_when_the_queue_got_to_them()
    {
        var pipeline = new PipelineValidator(StageRegistry.Create()).Load(Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"));
        var tracker = new RecordingTracker();
        var time = new ManualTime(T0);
        var record = new RunRecord { RunId = "r1", Pipeline = "smoke", PipelineFile = "smoke.yaml", Started = T0 };
        var observer = new TrackingObserver(tracker, pipeline, new ArtifactStore(_work), "r1", "first", NullLogger.Instance, time: time);

        // The parent's creation hangs (a slow server) while the stage starts and finishes.
        observer.RunStarted(record, []);
        time.Set(T0.AddSeconds(5));
        observer.StageStarted("augment_preview", "k1", "new", resuming: false);
        time.Set(T0.AddSeconds(8));
        observer.StageCompleted(new StageRecord { Id = "augment_preview", Type = "augment-preview", Key = "k1", Status = StageStatus.Succeeded, DurationSeconds = 3 });
        time.Set(T0.AddSeconds(30));
        tracker.ParentGate.SetResult();
        observer.RunCompleted(record with { Ended = T0.AddSeconds(9), Status = "succeeded" });
        await observer.CompleteAsync(TimeSpan.FromMinutes(1));

        var parent = tracker.Runs.Single(r => r.Name == "first");
        var child = tracker.Runs.Single(r => r.Name == "augment_preview");
        Assert.Equal(T0, parent.Started);
        Assert.Equal(T0.AddSeconds(9), parent.Ended);
        Assert.Equal(T0.AddSeconds(5), child.Started);
        Assert.Equal(T0.AddSeconds(8), child.Ended);
        Assert.Equal(RunStatus.Finished, child.Status);
    }
}
