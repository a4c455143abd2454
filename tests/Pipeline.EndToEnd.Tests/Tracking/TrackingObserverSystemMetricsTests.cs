using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator;
using Pipeline.Orchestrator.Tracking;
using Pipeline.Tracking.SystemMetrics;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>Each stage run gets MLflow's system/... metrics, one step per interval while the stage runs.</summary>
public sealed class TrackingObserverSystemMetricsTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-observer-system-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Stage_run_gets_system_metrics_under_mlflow_names_every_interval_until_the_stage_ends()
    {
        var pipeline = new PipelineValidator(StageRegistry.Create()).Load(Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"));
        var tracker = new RecordingTracker();
        tracker.ParentGate.SetResult();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var source = new ScriptedSystemMetrics();
        var record = new RunRecord { RunId = "r4", Pipeline = "smoke", PipelineFile = "smoke.yaml" };
        var observer = new TrackingObserver(
            tracker, pipeline, new ArtifactStore(_work), "r4", "fourth", NullLogger.Instance, time: time,
            systemMetrics: new SystemMetricsOptions(source, TimeSpan.FromSeconds(5)));

        observer.RunStarted(record, []);
        observer.StageStarted("pretrain", "k1", "new", resuming: false);
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await source.Sampled.WaitAsync(TimeSpan.FromMinutes(1));
        }

        observer.StageCompleted(new StageRecord { Id = "pretrain", Type = "simclr-pretrain", Key = "k1", Status = StageStatus.Succeeded });
        time.Advance(TimeSpan.FromSeconds(5));
        observer.RunCompleted(record with { Status = "succeeded" });
        await observer.CompleteAsync(TimeSpan.FromMinutes(1));

        var child = tracker.Runs.Single(r => r.Name == "pretrain");
        var system = child.Metrics.Where(m => m.Key.StartsWith("system/", StringComparison.Ordinal)).ToLookup(m => m.Key);
        Assert.Equal(
            [SystemMetricNames.CpuUtilization, SystemMetricNames.ProcessMemoryMegabytes, SystemMetricNames.SystemMemoryMegabytes, SystemMetricNames.SystemMemoryPercentage],
            system.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.Equal([0L, 1L, 2L], system[SystemMetricNames.CpuUtilization].Select(m => m.Step));
        Assert.Equal([10.0, 20.0, 30.0], system[SystemMetricNames.CpuUtilization].Select(m => m.Value));
        Assert.Equal([51.0, 52.0, 53.0], system[SystemMetricNames.SystemMemoryPercentage].Select(m => m.Value));
    }

    [Fact]
    public async Task A_stage_shorter_than_one_interval_still_gets_one_reading_when_it_ends()
    {
        var pipeline = new PipelineValidator(StageRegistry.Create()).Load(Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"));
        var tracker = new RecordingTracker();
        tracker.ParentGate.SetResult();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var source = new ScriptedSystemMetrics();
        var record = new RunRecord { RunId = "r5", Pipeline = "smoke", PipelineFile = "smoke.yaml" };
        var observer = new TrackingObserver(
            tracker, pipeline, new ArtifactStore(_work), "r5", "fifth", NullLogger.Instance, time: time,
            systemMetrics: new SystemMetricsOptions(source, TimeSpan.FromSeconds(5)));

        observer.RunStarted(record, []);
        observer.StageStarted("download", "k1", "new", resuming: false);
        time.Advance(TimeSpan.FromSeconds(2)); // less than one interval
        observer.StageCompleted(new StageRecord { Id = "download", Type = "download-stl10", Key = "k1", Status = StageStatus.Succeeded });
        observer.RunCompleted(record with { Status = "succeeded" });
        await observer.CompleteAsync(TimeSpan.FromMinutes(1));

        var child = tracker.Runs.Single(r => r.Name == "download");
        var cpu = child.Metrics.Where(m => m.Key == SystemMetricNames.CpuUtilization).ToList();
        Assert.Equal([0L], cpu.Select(m => m.Step));
        Assert.Equal([10.0], cpu.Select(m => m.Value)); // CPU share over the stage's whole run
    }
}
