using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Runs <see cref="ReportStage"/> in-process on a fixture's inputs.</summary>
public static class ReportRunner
{
    /// <summary>Runs the stage with outputs under <paramref name="outputDirectory"/> (the fixture's staging folder by default).</summary>
    public static async Task<RecordingStageReporter> RunAsync(
        ReportFixture fixture, ReportParams? parameters = null, string runId = "run-1", string stageId = "report", string? outputDirectory = null)
    {
        var reporter = new RecordingStageReporter();
        var context = new StageContext(
            stageId, runId, 7, fixture.Inputs, outputDirectory ?? fixture.StagingDirectory, Path.Combine(fixture.Root, "checkpoint", runId), NullLogger.Instance, reporter);
        await ((IStage)new ReportStage()).RunAsync(context, parameters ?? new ReportParams(), CancellationToken.None);
        return reporter;
    }
}
