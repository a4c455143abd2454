namespace Pipeline.Stages.Abstractions;

/// <summary>Everything the engine needs to know about a stage type without running it.</summary>
public sealed record StageDescriptor(
    string TypeName,
    int Version,
    Type ParamsType,
    IReadOnlyList<PortSpec> Inputs,
    IReadOnlyList<PortSpec> Outputs,
    string Description);
