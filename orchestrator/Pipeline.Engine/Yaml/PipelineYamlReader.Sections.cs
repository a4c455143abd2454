using Pipeline.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Engine.Yaml;

/// <summary>The sections inside a stage (<c>inputs</c>, <c>after</c>, <c>params</c>) and the pipeline's <c>sweep</c>.</summary>
public sealed partial class PipelineYamlReader
{
    private void ReadInputs(string id, YamlNode node, List<InputBinding> inputs)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"stages.{id}.inputs must be a mapping of input name to '<stage id>.<output name>'");
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = Key(keyNode);
            var reference = ReadString(valueNode, $"stages.{id}.inputs.{name}");
            if (reference is null)
            {
                continue;
            }

            var dot = reference.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == reference.Length - 1)
            {
                Error(valueNode, $"stages.{id}.inputs.{name}: '{ShownValue.Of(reference)}' must be '<stage id>.<output name>'");
                continue;
            }

            inputs.Add(new InputBinding(name, reference[..dot], reference[(dot + 1)..], At(valueNode.Start)));
        }
    }

    private void ReadAfter(string id, YamlNode node, List<(string, SourceLocation)> after)
    {
        var items = node switch
        {
            YamlSequenceNode seq => seq.Children.ToList(),
            YamlScalarNode scalar => [scalar],
            _ => null,
        };
        if (items is null)
        {
            Error(node, $"stages.{id}.after must be a list of stage ids");
            return;
        }

        foreach (var item in items)
        {
            if (ReadString(item, $"stages.{id}.after") is { } other)
            {
                after.Add((other, At(item.Start)));
            }
        }
    }

    private void ReadParams(string id, YamlNode node, Dictionary<string, ParamValue> parameters)
    {
        if (node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"stages.{id}.params must be a mapping of param name to value");
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Key(keyNode);
            var before = _errors.Count;
            var value = ToJson(valueNode, $"stages.{id}.params.{key}");
            parameters[key] = new ParamValue(value, At(valueNode.Start), Invalid: _errors.Count > before);
        }
    }

    private void ReadSweep(YamlNode node, List<SweepAxis> sweep)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "sweep must be a mapping of 'stage.param' to a list of values");
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Key(keyNode);
            if (key.IndexOf('.', StringComparison.Ordinal) <= 0)
            {
                Error(keyNode, $"sweep key '{ShownValue.Of(key)}' must be 'stage.param'");
                continue;
            }

            if (valueNode is not YamlSequenceNode values || values.Children.Count == 0)
            {
                Error(valueNode, $"sweep.{key} must be a non-empty list of values");
                continue;
            }

            sweep.Add(new SweepAxis(key, values.Children.Select((v, i) => ToJson(v, $"sweep.{key}[{i}]")).ToList(), At(keyNode.Start)));
        }
    }
}
