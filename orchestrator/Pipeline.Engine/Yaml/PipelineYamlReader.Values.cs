using System.Text.Json.Nodes;
using Pipeline.Engine.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Engine.Yaml;

/// <summary>YAML nodes to values: environment references expanded, every error recorded at its file, line and column.</summary>
public sealed partial class PipelineYamlReader
{
    /// <summary>Converts a YAML node to JSON, expanding environment references in scalars.</summary>
    private JsonNode? ToJson(YamlNode node, string keyPath)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                var expanded = _env.Expand(text, out var error);
                if (expanded is null)
                {
                    Error(node, $"{keyPath}: {error}");
                    return null;
                }

                // A quoted "${VAR}" is quoted to protect the '${', so its expansion is typed like a plain scalar.
                var typed = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any || !ReferenceEquals(expanded, text);
                return YamlScalars.ToJson(expanded, typed);
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var child in sequence.Children)
                {
                    array.Add(ToJson(child, $"{keyPath}[{index++}]"));
                }

                return array;
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (k, v) in mapping.Children)
                {
                    var key = Key(k);
                    obj[key] = ToJson(v, $"{keyPath}.{key}");
                }

                return obj;
            default:
                Error(node, $"{keyPath}: aliases are not supported here");
                return null;
        }
    }

    private string? ReadString(YamlNode node, string keyPath)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"{keyPath} must be a single value");
            return null;
        }

        var expanded = _env.Expand(scalar.Value ?? string.Empty, out var error);
        if (expanded is null)
        {
            Error(node, $"{keyPath}: {error}");
        }

        return expanded;
    }

    private static string Key(YamlNode node) => node is YamlScalarNode s ? s.Value ?? string.Empty : node.ToString();

    private void Error(YamlNode node, string message) => _errors.Add(new Diagnostic(At(node.Start), message));

    private SourceLocation At(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);
}
