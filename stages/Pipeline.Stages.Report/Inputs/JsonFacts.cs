using System.Text.Json;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Turns a JSON value into (dotted key, text) pairs for a facts table.</summary>
internal static class JsonFacts
{
    private const int MaxInlineArray = 16;

    /// <summary>Leaves of <paramref name="element"/>; arrays of up to 16 scalars become one comma-joined value.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Flatten(JsonElement element, string prefix = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var key = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                    foreach (var fact in Flatten(property.Value, key))
                    {
                        yield return fact;
                    }
                }

                break;
            case JsonValueKind.Array:
                var items = element.EnumerateArray().ToList();
                if (items.Count <= MaxInlineArray && items.All(i => i.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
                {
                    yield return KeyValuePair.Create(prefix, "[" + string.Join(", ", items.Select(Scalar)) + "]");
                }
                else
                {
                    yield return KeyValuePair.Create(prefix, $"[{items.Count} items]");
                }

                break;
            default:
                yield return KeyValuePair.Create(prefix.Length == 0 ? "value" : prefix, Scalar(element));
                break;
        }
    }

    /// <summary>A scalar's text: strings unquoted, numbers as written, null as "null".</summary>
    public static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? string.Empty,
        JsonValueKind.Null => "null",
        _ => element.GetRawText(),
    };
}
