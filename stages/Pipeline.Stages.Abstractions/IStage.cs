namespace Pipeline.Stages.Abstractions;

/// <summary>A stage type: what it is called, what it reads and writes, and how it runs.</summary>
public interface IStage
{
    /// <summary>Type name, version, params type and ports of this stage type.</summary>
    StageDescriptor Descriptor { get; }

    /// <summary>Runs the stage. <paramref name="parameters"/> is an instance of <see cref="StageDescriptor.ParamsType"/>.</summary>
    Task RunAsync(StageContext context, object parameters, CancellationToken cancellationToken);
}
