namespace Pipeline.Engine.Model;

/// <summary>One stage as the user wrote it in the pipeline YAML.</summary>
public sealed record StageDefinition(
    string Id,
    string Uses,
    IReadOnlyList<InputBinding> Inputs,
    IReadOnlyList<(string Id, SourceLocation Location)> After,
    IReadOnlyDictionary<string, ParamValue> Params,
    SourceLocation Location,
    SourceLocation UsesLocation,
    SourceLocation ParamsLocation)
{
    /// <summary>What this stage asks of a cluster scheduler, over the pipeline's defaults.</summary>
    public Resources? Resources { get; init; }
}
