using System.Text.Json.Nodes;

namespace Pipeline.Engine.Validation;

/// <summary>A stage's params after defaults, YAML, <c>--set</c> and validation: the typed record and its canonical JSON.</summary>
public sealed record ResolvedParams(object Instance, string CanonicalJson, IReadOnlyDictionary<string, string> Flat)
{
    /// <summary>The canonical JSON as a node (sorted keys).</summary>
    public JsonObject ToJsonObject() => (JsonObject)JsonNode.Parse(CanonicalJson)!;
}
