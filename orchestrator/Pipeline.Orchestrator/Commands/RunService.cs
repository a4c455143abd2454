using Microsoft.Extensions.Hosting;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Validation;

namespace Pipeline.Orchestrator.Commands;

/// <summary>The one-shot hosted service that runs the pipeline and stops the host with the run's exit code.</summary>
public sealed class RunService : BackgroundService
{
    private readonly ValidatedPipeline _pipeline;
    private readonly RunOptions _options;
    private readonly PipelineRunner _runner;
    private readonly IHostApplicationLifetime _lifetime;

    /// <summary>Creates the service.</summary>
    public RunService(ValidatedPipeline pipeline, RunOptions options, PipelineRunner runner, IHostApplicationLifetime lifetime)
    {
        _pipeline = pipeline;
        _options = options;
        _runner = runner;
        _lifetime = lifetime;
    }

    /// <summary>The exit code once the run ended.</summary>
    public int ExitCode { get; private set; } = 1;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            ExitCode = await _runner.RunAsync(_pipeline, _options, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            ExitCode = 1;
        }
        finally
        {
            _lifetime.StopApplication();
        }
    }

    /// <summary>Builds the runner for the chosen executor.</summary>
    public static PipelineRunner CreateRunner(string artifacts, string executor, Engine.Catalog.StageCatalog catalog, IRunObserver observer)
    {
        IStageExecutor stageExecutor = executor == "in-process"
            ? new InProcessExecutor(catalog)
            : new ChildProcessExecutor(CurrentHost());
        return new PipelineRunner(new ArtifactStore(artifacts), stageExecutor, observer);
    }

    /// <summary>How to start this program again as a stage process.</summary>
    public static HostCommand CurrentHost()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(process);
        return name == "dotnet"
            ? new HostCommand(process, [typeof(RunService).Assembly.Location])
            : new HostCommand(process, []);
    }
}
