using System.Text.Json.Nodes;

namespace Pipeline.Engine.Model;

/// <summary>One swept param: <c>stage.param</c> and the values it takes, from the pipeline's <c>sweep:</c> or <c>--sweep</c>.</summary>
public sealed record SweepAxis(string KeyPath, IReadOnlyList<JsonNode?> Values, SourceLocation Location);
