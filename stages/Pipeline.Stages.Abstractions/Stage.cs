namespace Pipeline.Stages.Abstractions;

/// <summary>Base class for a stage whose params are the record <typeparamref name="TParams"/> (defaults in its initialisers).</summary>
public abstract class Stage<TParams> : IStage
    where TParams : class, new()
{
    /// <inheritdoc />
    public StageDescriptor Descriptor => new(TypeName, Version, typeof(TParams), Inputs, Outputs, Description);

    /// <summary>The name pipelines use in <c>uses:</c>, for example <c>download-stl10</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Bump when the stage's code changes what it writes: every cached output of the old version becomes a miss.</summary>
    public abstract int Version { get; }

    /// <summary>One line shown by <c>--help</c> and in errors that list stage types.</summary>
    public virtual string Description => string.Empty;

    /// <summary>Named, typed inputs (upstream outputs this stage reads).</summary>
    public abstract IReadOnlyList<PortSpec> Inputs { get; }

    /// <summary>Named, typed outputs; each is a directory under the staging folder.</summary>
    public abstract IReadOnlyList<PortSpec> Outputs { get; }

    /// <inheritdoc />
    public Task RunAsync(StageContext context, object parameters, CancellationToken cancellationToken) =>
        RunAsync(context, (TParams)parameters, cancellationToken);

    /// <summary>Runs the stage with typed params.</summary>
    protected abstract Task RunAsync(StageContext context, TParams parameters, CancellationToken cancellationToken);
}
