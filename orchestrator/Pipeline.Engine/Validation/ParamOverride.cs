using System.Text.Json.Nodes;
using Pipeline.Engine.Model;
using Pipeline.Engine.Yaml;

namespace Pipeline.Engine.Validation;

/// <summary>A <c>--set stage.param=value</c> from the command line; the value is typed like a YAML scalar.</summary>
public sealed record ParamOverride(string StageId, string KeyPath, JsonNode? Value, SourceLocation Location)
{
    /// <summary>Parses <c>stage.param=value</c> (nested: <c>stage.subset.train=100</c>); null and an error when malformed.</summary>
    public static ParamOverride? Parse(string text, int position, out string? error)
    {
        error = null;
        var location = new SourceLocation($"--set #{position} '{ShownValue.Of(text)}'", 0, 0);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var dot = eq > 0 ? text.IndexOf('.', StringComparison.Ordinal) : -1;
        if (eq <= 0 || dot <= 0 || dot > eq - 2)
        {
            error = $"--set '{ShownValue.Of(text)}' must look like stage.param=value";
            return null;
        }

        if (text.AsSpan(0, eq).Count('.') >= YamlLimits.MaxDepth)
        {
            error = $"--set '{ShownValue.Of(text)}' nests deeper than {YamlLimits.MaxDepth} levels";
            return null;
        }

        var raw = text[(eq + 1)..];
        var quoted = raw.Length >= 2 && ((raw[0] == '"' && raw[^1] == '"') || (raw[0] == '\'' && raw[^1] == '\''));
        var value = YamlScalars.ToJson(quoted ? raw[1..^1] : raw, plain: !quoted);
        return new ParamOverride(text[..dot], text[(dot + 1)..eq], value, location);
    }
}
