using System.Text.Json.Nodes;

namespace Pipeline.Engine.Validation;

/// <summary>
/// A stage's params after defaults, YAML, <c>--set</c> and validation: the typed record, its canonical JSON (every
/// param: what the stage is given and the ledger records) and the keyed part (operational params left out: what the
/// cache key and the "params changed" explanation use).
/// </summary>
public sealed record ResolvedParams(object Instance, string CanonicalJson, IReadOnlyDictionary<string, string> Flat)
{
    /// <summary>The canonical JSON without operational params; equals <see cref="CanonicalJson"/> when there are none.</summary>
    public string KeyJson { get; init; } = CanonicalJson;

    /// <summary><see cref="KeyJson"/> flattened to dotted keys.</summary>
    public IReadOnlyDictionary<string, string> KeyFlat { get; init; } = Flat;

    /// <summary>The names of the params left out of the key, sorted.</summary>
    public IReadOnlyList<string> Operational { get; init; } = [];

    /// <summary>The canonical JSON as a node (sorted keys).</summary>
    public JsonObject ToJsonObject() => (JsonObject)JsonNode.Parse(CanonicalJson)!;
}
