using Pipeline.Engine.Catalog;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator.Cli;

namespace Pipeline.Orchestrator.Commands;

/// <summary>Chooses where stages run: the command line wins over the pipeline's <c>executor:</c>.</summary>
public static class ExecutorFactory
{
    /// <summary>The executor for this run.</summary>
    public static IStageExecutor Create(CliOptions options, ValidatedPipeline pipeline, StageCatalog catalog)
    {
        var kind = options.ExecutorGiven ? options.Executor : pipeline.Definition.Executor switch
        {
            "slurm" => "slurm",
            _ => options.Executor,
        };
        return kind switch
        {
            "in-process" => new InProcessExecutor(catalog),
            "slurm" => new Engine.Execution.Slurm.SlurmExecutor(CurrentHost()),
            _ => new ChildProcessExecutor(CurrentHost()),
        };
    }

    /// <summary>How to start this program again as a stage process.</summary>
    public static HostCommand CurrentHost()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(process);
        return name == "dotnet"
            ? new HostCommand(process, [typeof(ExecutorFactory).Assembly.Location])
            : new HostCommand(process, []);
    }
}
