using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Model;
using Pipeline.Engine.Planning;
using Pipeline.Orchestrator;
using Pipeline.Orchestrator.Cli;
using Pipeline.Orchestrator.Commands;
using Pipeline.Orchestrator.Hosting;
using Pipeline.Orchestrator.Sweeps;

var options = Pipeline.Orchestrator.Cli.CommandLine.Parse(args, out var parsed, out var parseError);
if (options is null)
{
    if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction errorAction && parseError is not null && !parseError.StartsWith("unknown command", StringComparison.Ordinal))
    {
        // System.CommandLine prints each error with its typo corrections ("Did you mean --jobs?").
        errorAction.ShowHelp = false;
        await parsed.InvokeAsync();
    }
    else
    {
        Console.Error.WriteLine($"error: {parseError}");
    }

    Console.Error.WriteLine($"see: {(parsed.CommandResult.Command.Parents.Any() ? parsed.CommandResult.Command.Name + " " : string.Empty)}--help");
    return 2;
}

var catalog = StageRegistry.Create();
if (parsed.Action is not null)
{
    // --help, --version and the [suggest] directive of dotnet-suggest (tab completion).
    var code = await parsed.InvokeAsync();
    if (options.Verb == "help" && args.Any(a => a is "-h" or "--help" or "-?"))
    {
        Console.WriteLine("Stage types: " + string.Join(", ", catalog.TypeNames));
    }

    return code;
}

if (options.ExecutorDeprecated)
{
    Console.Error.WriteLine("warning: --executor process is now called --executor local (the name the pipeline's executor: uses); 'process' still works for now");
}

switch (options.Verb)
{
    case "stage-host":
        return await StageHost.RunAsync(catalog, options.File!, Console.In, Console.Out);
    case "status":
        return StatusCommand.Execute(options.Artifacts, options.Json, Console.Out);
    case "verify":
        return VerifyCommand.Execute(options.Artifacts, Console.Out);
    case "gc":
        try
        {
            return GcCommand.Execute(options, catalog, Console.Out);
        }
        catch (PipelineValidationException e)
        {
            return InvalidInput.Report(e, "nothing was removed");
        }
    case "tracking":
        return await TrackingSyncCommand.ExecuteAsync(options, catalog, Console.Out);
}

Pipeline.Engine.Validation.ValidatedPipeline pipeline;
try
{
    pipeline = PipelineLoader.Load(options, catalog);
}
catch (PipelineValidationException e)
{
    return InvalidInput.Report(e, "nothing was run or written");
}

var planOptions = new PlanOptions { Force = options.Force.ToHashSet(), Until = options.Until };
if (options.Verb == "plan")
{
    return PlanCommand.Execute(pipeline, options.Artifacts, planOptions, options.Json, Console.Out);
}

var runOptions = new RunOptions { Plan = planOptions, Jobs = options.Jobs, KeepGoing = options.KeepGoing };
Func<ILoggerFactory, CancellationToken, Task<int>> work;
if (options.Sweeps.Count > 0 || pipeline.Definition.Sweep.Count > 0)
{
    IReadOnlyList<(Pipeline.Engine.Sweeps.SweepVariant, Pipeline.Engine.Validation.ValidatedPipeline)> variants;
    try
    {
        variants = SweepCommand.Prepare(options, catalog, pipeline);
    }
    catch (PipelineValidationException e)
    {
        return InvalidInput.Report(e, "nothing was run or written");
    }

    work = (loggers, ct) => SweepCommand.ExecuteAsync(options, catalog, variants, runOptions, loggers, ct);
}
else
{
    work = (loggers, ct) => RunCommand.ExecuteAsync(options, pipeline, catalog, runOptions, loggers, ct);
}

// One logging setup: the host's, handed to the work.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = false });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.Verbosity > 0 ? LogLevel.Information : LogLevel.Warning);
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
var shutdownTimeout = ExecutorFactory.ShutdownTimeout(options, pipeline);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
builder.Services.AddSingleton(work);
builder.Services.AddSingleton<RunService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RunService>());

using var host = builder.Build();
var service = host.Services.GetRequiredService<RunService>();
await host.RunAsync();
return service.ExitCode;
