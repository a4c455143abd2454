using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Engine.Validation;

/// <summary>JSON with sorted keys and no whitespace, so equal values hash equally; and a flat view for diffs.</summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    public static string Serialize(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    /// <summary>Flattens objects to dotted keys (<c>subset.train</c>) with display strings as values.</summary>
    public static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(node, string.Empty, result);
        return result;
    }

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, string> result)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var (key, value) in obj)
            {
                Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}", result);
            }

            return;
        }

        result[prefix] = Display(node);
    }

    /// <summary>A value as users write it: strings bare, numbers invariant, null as "null".</summary>
    public static string Display(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
