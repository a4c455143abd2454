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
    SourceLocation ParamsLocation);
