namespace Pipeline.Engine.Execution;

/// <summary>Runs one stage somewhere (this process, a child process, a Slurm job) and streams its events back.</summary>
public interface IStageExecutor
{
    /// <summary>Executes <paramref name="invocation"/>; events arrive on <paramref name="onEvent"/> from any thread.</summary>
    Task<StageOutcome> ExecuteAsync(StageInvocation invocation, Action<StageEvent> onEvent, CancellationToken cancellationToken);
}
