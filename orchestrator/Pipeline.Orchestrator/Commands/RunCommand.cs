using Microsoft.Extensions.Logging;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator.Cli;
using Pipeline.Orchestrator.Console;
using Pipeline.Orchestrator.Tracking;

namespace Pipeline.Orchestrator.Commands;

/// <summary>Runs one pipeline: console view, tracking, runner; returns the exit code.</summary>
public static class RunCommand
{
    /// <summary>Runs <paramref name="pipeline"/> with the run options; tracking is finished before returning.</summary>
    public static async Task<int> ExecuteAsync(
        CliOptions options,
        ValidatedPipeline pipeline,
        StageCatalog catalog,
        RunOptions runOptions,
        ILoggerFactory loggers,
        CancellationToken cancellationToken,
        string prefix = "",
        IReadOnlyDictionary<string, string>? extraTags = null,
        string? runName = null,
        Action<RunRecord>? completed = null)
    {
        var interactive = prefix.Length == 0 && !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        using var view = new ConsoleView(System.Console.Out, options.Verbosity, interactive, prefix);
        var runId = runOptions.RunId ?? RunLedger.NewRunId();
        var store = new ArtifactStore(options.Artifacts);
        var tracking = await TrackingSetup.StartAsync(options, pipeline, store, runId, loggers, view.Line, extraTags, runName, quiet: prefix.Length > 0).ConfigureAwait(false);
        try
        {
            IRunObserver observer = tracking is null ? view : new CompositeObserver(view, tracking);
            var runner = new PipelineRunner(store, ExecutorFactory.Create(options, pipeline, catalog), observer);
            var code = await runner.RunAsync(pipeline, runOptions with { RunId = runId }, cancellationToken).ConfigureAwait(false);
            if (tracking is not null)
            {
                await tracking.CompleteAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                if (tracking.ParentRunId is { } parent)
                {
                    runner.Ledger?.SetTrackingRunId(parent);
                }
            }

            if (runner.Ledger is { } ledger)
            {
                completed?.Invoke(ledger.Record);
            }

            return code;
        }
        finally
        {
            if (tracking is not null)
            {
                await tracking.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
