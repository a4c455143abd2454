using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Engine.Yaml;

namespace Pipeline.Engine.Model;

/// <summary>A value as an error message repeats it: cut to a few dozen characters, never able to throw.</summary>
public static class ShownValue
{
    /// <summary><paramref name="text"/>, or its start and its length when it is long.</summary>
    public static string Of(string text) =>
        text.Length <= YamlLimits.MaxEchoChars
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text[..(YamlLimits.MaxEchoChars - 20)]}... ({text.Length:N0} characters)");

    /// <summary>The JSON text of <paramref name="node"/>, cut like <see cref="Of"/>.</summary>
    public static string Json(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            return text.Length <= YamlLimits.MaxEchoChars ? node.ToJsonString() : $"\"{Of(text)}\"";
        }

        try
        {
            return Of(node.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return $"a value ({node.GetValueKind().ToString().ToLowerInvariant()}) too deeply nested to show";
        }
    }
}
