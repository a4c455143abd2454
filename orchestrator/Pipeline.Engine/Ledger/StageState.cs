namespace Pipeline.Engine.Ledger;

/// <summary>
/// What the last successful or cached execution of a stage id was made from: used to explain re-runs.
/// <see cref="Params"/> holds the keyed params (operational ones left out); <see cref="Code"/> the project digests
/// and <see cref="CodeFiles"/> the file digests of the code it ran (null in states written before code identity).
/// </summary>
public sealed record StageState(
    string Type,
    int Version,
    string Params,
    int Seed,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> InputReferences,
    string Key,
    string RunId,
    IReadOnlyDictionary<string, string>? Code = null,
    IReadOnlyDictionary<string, string>? CodeFiles = null);
