using Microsoft.Extensions.Logging;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Model;
using Pipeline.Orchestrator.Cli;
using Pipeline.Orchestrator.Tracking;

namespace Pipeline.Orchestrator.Commands;

/// <summary><c>tracking sync</c>: replays what runs spooled while the tracking server was unreachable.</summary>
public static class TrackingSyncCommand
{
    /// <summary>Replays every spool under the artifacts folder; 0 when all was sent, 1 when some is still pending (server unreachable, or 401/403).</summary>
    public static async Task<int> ExecuteAsync(CliOptions options, StageCatalog catalog, TextWriter output)
    {
        string name = "pipeline", experiment = "pipeline";
        string? uri = null;
        if (options.File is not null)
        {
            try
            {
                var pipeline = PipelineLoader.Load(options, catalog).Definition;
                (name, experiment, uri) = (pipeline.Name, pipeline.Experiment, pipeline.TrackingUri);
            }
            catch (PipelineValidationException e)
            {
                foreach (var d in e.Diagnostics)
                {
                    await System.Console.Error.WriteLineAsync(d.ToString()).ConfigureAwait(false);
                }

                return 2;
            }
        }

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var settings = TrackingSetup.Settings(options, name, uri, experiment);

        // Without a pipeline file the experiment comes from each spooled run, so the header names only the server.
        output.WriteLine($"tracking: {(options.File is null ? settings.ServerDescription : settings.ToString())}");
        var outcome = await TrackingSetup.SyncAsync(settings, Path.GetFullPath(options.Artifacts), loggers, output.WriteLine, CancellationToken.None).ConfigureAwait(false);
        output.WriteLine(
            outcome.Pending == 0 ? "tracking: nothing pending"
            : outcome.CredentialsProblem is not null ? $"tracking: {outcome.Pending} events still pending (the server refused the credentials; fix them and run 'tracking sync' again)"
            : $"tracking: {outcome.Pending} events still pending (server unreachable?)");
        return outcome.Pending == 0 ? 0 : 1;
    }
}
