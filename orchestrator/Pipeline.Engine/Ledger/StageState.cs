namespace Pipeline.Engine.Ledger;

/// <summary>What the last successful or cached execution of a stage id was made from: used to explain re-runs.</summary>
public sealed record StageState(
    string Type,
    int Version,
    string Params,
    int Seed,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> InputReferences,
    string Key,
    string RunId);
