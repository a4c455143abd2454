using System.Text.Json.Nodes;
using Pipeline.Engine.Model;
using Pipeline.Engine.Validation;
using Pipeline.Engine.Yaml;

namespace Pipeline.Engine.Sweeps;

/// <summary>Turns sweep axes (from <c>sweep:</c> and <c>--sweep</c>) into the grid of all combinations.</summary>
public static class SweepExpander
{
    /// <summary>Parses <c>--sweep stage.param=v1,v2</c>; values are typed like YAML scalars.</summary>
    public static SweepAxis? Parse(string text, int position, out string? error)
    {
        error = null;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (eq <= 0 || dot <= 0 || dot > eq - 2 || eq == text.Length - 1)
        {
            error = $"--sweep '{text}' must look like stage.param=value1,value2";
            return null;
        }

        var values = text[(eq + 1)..].Split(',').Select(v => YamlScalars.ToJson(v.Trim(), plain: true)).ToList();
        return new SweepAxis(text[..eq], values, new SourceLocation($"--sweep #{position} '{text}'", 0, 0));
    }

    /// <summary>Command-line axes replace pipeline axes with the same key; the grid is their cartesian product.</summary>
    public static IReadOnlyList<SweepVariant> Expand(IReadOnlyList<SweepAxis> pipelineAxes, IReadOnlyList<SweepAxis> commandLineAxes)
    {
        var axes = pipelineAxes.Where(a => commandLineAxes.All(c => c.KeyPath != a.KeyPath)).Concat(commandLineAxes).ToList();
        if (axes.Count == 0)
        {
            return [];
        }

        var combinations = new List<List<(SweepAxis Axis, JsonNode? Value)>> { new() };
        foreach (var axis in axes)
        {
            combinations = combinations.SelectMany(c => axis.Values.Select(v => new List<(SweepAxis, JsonNode?)>(c) { (axis, v) })).ToList();
        }

        return combinations.Select((combo, i) => new SweepVariant(
            i + 1,
            combo.Select(p => (p.Axis.KeyPath, p.Value)).ToList(),
            combo.Select(p =>
            {
                var dot = p.Axis.KeyPath.IndexOf('.', StringComparison.Ordinal);
                return new ParamOverride(p.Axis.KeyPath[..dot], p.Axis.KeyPath[(dot + 1)..], p.Value?.DeepClone(), p.Axis.Location);
            }).ToList())).ToList();
    }
}
