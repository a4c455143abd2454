using System.Text.Json.Nodes;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Sweeps;

/// <summary>One point of a sweep's grid: its number, the swept values, and the overrides that make it.</summary>
public sealed record SweepVariant(int Index, IReadOnlyList<(string Key, JsonNode? Value)> Values, IReadOnlyList<ParamOverride> Overrides)
{
    /// <summary>A short label: <c>pretrain.lr=0.1 linear_eval.lr=0.01</c>.</summary>
    public string Label => string.Join(" ", Values.Select(v => $"{v.Key}={CanonicalJson.Display(v.Value)}"));
}
