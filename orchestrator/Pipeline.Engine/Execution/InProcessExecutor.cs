using Pipeline.Engine.Catalog;

namespace Pipeline.Engine.Execution;

/// <summary>Runs stages inside the orchestrator process (tests, and stages too small to be worth a process).</summary>
public sealed class InProcessExecutor : IStageExecutor
{
    private readonly StageCatalog _catalog;

    /// <summary>Creates the executor over <paramref name="catalog"/>.</summary>
    public InProcessExecutor(StageCatalog catalog) => _catalog = catalog;

    /// <inheritdoc />
    public Task<StageOutcome> ExecuteAsync(StageInvocation invocation, Action<StageEvent> onEvent, CancellationToken cancellationToken) =>
        Task.Run(() => StageInvoker.InvokeAsync(_catalog, invocation, onEvent, cancellationToken), CancellationToken.None);
}
