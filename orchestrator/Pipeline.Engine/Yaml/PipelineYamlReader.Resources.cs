using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Engine.Yaml;

/// <summary>The <c>resources</c> mapping (pipeline-wide or per stage): Slurm's cpus, gpus, mem, time and partition, each checked.</summary>
public sealed partial class PipelineYamlReader
{
    private Resources? ReadResources(YamlNode node, string keyPath)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"{keyPath} must be a mapping with keys {string.Join(", ", Resources.Keys)}");
            return null;
        }

        var result = new Resources();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Key(keyNode);
            var value = ReadString(valueNode, $"{keyPath}.{key}");
            if (value is null)
            {
                continue;
            }

            int? Positive()
            {
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= (key == "gpus" ? 0 : 1))
                {
                    return n;
                }

                Error(valueNode, $"{keyPath}.{key} must be a whole number{(key == "gpus" ? string.Empty : " of at least 1")}, got '{ShownValue.Of(value)}'");
                return null;
            }

            switch (key)
            {
                case "cpus":
                    result = result with { Cpus = Positive() };
                    break;
                case "gpus":
                    result = result with { Gpus = Positive() };
                    break;
                case "mem":
                    if (!MemoryPattern().IsMatch(value))
                    {
                        Error(valueNode, $"{keyPath}.mem must look like 4G, 512M or 16000 (megabytes), got '{ShownValue.Of(value)}'");
                    }

                    result = result with { Mem = value };
                    break;
                case "time":
                    if (!TimePattern().IsMatch(value))
                    {
                        Error(valueNode, $"{keyPath}.time must be a Slurm time such as 30, 1:30:00 or 2-00:00:00, got '{ShownValue.Of(value)}'");
                    }

                    result = result with { Time = value };
                    break;
                case "partition":
                    result = result with { Partition = value };
                    break;
                default:
                    Error(keyNode, $"unknown key '{ShownValue.Of(key)}' in {keyPath}{NearestName.Hint(key, Resources.Keys)}; valid keys: {string.Join(", ", Resources.Keys)}");
                    break;
            }
        }

        return result;
    }

    [GeneratedRegex("^[0-9]+[KMGT]?$")]
    private static partial Regex MemoryPattern();

    [GeneratedRegex(@"^([0-9]+-)?[0-9]+(:[0-9]{1,2}){0,2}$")]
    private static partial Regex TimePattern();
}
