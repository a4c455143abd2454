using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Runs <see cref="ReportStage"/> in-process on a fixture, with the ledger path given instead of the environment.</summary>
public static class ReportRunner
{
    public static async Task<RecordingStageReporter> RunAsync(ReportFixture fixture, string? ledgerPath, ReportParams? parameters = null)
    {
        var reporter = new RecordingStageReporter();
        var context = new StageContext(
            "report", "run-1", 7, fixture.Inputs, fixture.StagingDirectory, Path.Combine(fixture.Root, "checkpoint"), NullLogger.Instance, reporter);
        var stage = new ReportStage(name => name == "PIPELINE_RUN_LEDGER" ? ledgerPath : null);
        await ((IStage)stage).RunAsync(context, parameters ?? new ReportParams(), CancellationToken.None);
        return reporter;
    }
}
