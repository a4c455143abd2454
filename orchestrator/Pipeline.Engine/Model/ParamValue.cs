using System.Text.Json.Nodes;

namespace Pipeline.Engine.Model;

/// <summary>A param value as written (already typed like YAML and with <c>${VAR}</c> expanded), and where; <paramref name="Invalid"/> when an error was already reported for it.</summary>
public sealed record ParamValue(JsonNode? Value, SourceLocation Location, bool Invalid = false);
