using System.Text.Json.Nodes;

namespace Pipeline.Engine.Model;

/// <summary>A param value as written (already typed like YAML and with <c>${VAR}</c> expanded), and where.</summary>
public sealed record ParamValue(JsonNode? Value, SourceLocation Location);
