using Pipeline.Engine.Catalog;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator.Cli;

namespace Pipeline.Orchestrator.Commands;

/// <summary>Chooses where stages run: the command line wins over the pipeline's <c>executor:</c>.</summary>
public static class ExecutorFactory
{
    /// <summary>The executor for this run.</summary>
    public static IStageExecutor Create(CliOptions options, ValidatedPipeline pipeline, StageCatalog catalog) =>
        Kind(options, pipeline) switch
        {
            "in-process" => new InProcessExecutor(catalog),
            "slurm" => new Engine.Execution.Slurm.SlurmExecutor(CurrentHost()),
            _ => new ChildProcessExecutor(CurrentHost()),
        };

    /// <summary>Which executor runs the stages: <c>in-process</c>, <c>slurm</c> or <c>local</c>.</summary>
    public static string Kind(CliOptions options, ValidatedPipeline pipeline) =>
        options.ExecutorGiven ? options.Executor : pipeline.Definition.Executor switch
        {
            "slurm" => "slurm",
            _ => options.Executor,
        };

    /// <summary>
    /// How long the host waits for a cancelled run to stop: 2 minutes, or for Slurm jobs what the cluster needs to
    /// stop a job (the stage's graceful stop, then scancel and the cluster's KillWait), so Ctrl-C always ends in
    /// exit 130 with the ledger closed rather than in the host's timeout.
    /// </summary>
    public static TimeSpan ShutdownTimeout(CliOptions options, ValidatedPipeline pipeline)
    {
        var local = TimeSpan.FromMinutes(2);
        if (Kind(options, pipeline) != "slurm")
        {
            return local;
        }

        var budget = Engine.Execution.Slurm.SlurmCluster.ShutdownBudget(
            Engine.Execution.Slurm.SlurmCluster.ReadKillWait() ?? Engine.Execution.Slurm.SlurmCluster.DefaultKillWait);
        return budget > local ? budget : local;
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
