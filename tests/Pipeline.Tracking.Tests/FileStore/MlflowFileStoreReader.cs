using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Tracking.Tests.FileStore;

/// <summary>
/// Reads a file store the way MLflow's documented layout describes it, independently of the production code:
/// YAML through YamlDotNet, metric lines split by spaces, a torn last line skipped.
/// </summary>
internal sealed class MlflowFileStoreReader(string root)
{
    public sealed record Experiment(string Id, string Name, IReadOnlyDictionary<string, YamlScalarNode> Meta);

    public sealed record Run(
        IReadOnlyDictionary<string, YamlScalarNode> Meta,
        IReadOnlyDictionary<string, string> Params,
        IReadOnlyDictionary<string, string> Tags,
        IReadOnlyDictionary<string, IReadOnlyList<(long Timestamp, double Value, long Step)>> Metrics,
        YamlNode TagsNode);

    public IReadOnlyList<Experiment> Experiments() =>
        Directory.EnumerateDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "meta.yaml")))
            .Select(d => Load(Path.Combine(d, "meta.yaml")))
            .Select(m => new Experiment(m.Scalars["experiment_id"].Value!, m.Scalars["name"].Value!, m.Scalars))
            .ToList();

    public IReadOnlyList<string> RunIds(string experimentId) =>
        Directory.EnumerateDirectories(Path.Combine(root, experimentId))
            .Select(Path.GetFileName)
            .Where(n => n!.Length == 32)
            .Select(n => n!)
            .ToList();

    public Run ReadRun(string experimentId, string runId)
    {
        var folder = Path.Combine(root, experimentId, runId);
        var meta = Load(Path.Combine(folder, "meta.yaml"));
        return new Run(
            meta.Scalars,
            Files(Path.Combine(folder, "params")).ToDictionary(f => f.Key, f => File.ReadAllText(f.Path)),
            Files(Path.Combine(folder, "tags")).ToDictionary(f => f.Key, f => File.ReadAllText(f.Path)),
            Files(Path.Combine(folder, "metrics")).ToDictionary(f => f.Key, f => ReadMetric(f.Path)),
            meta.Root.Children[new YamlScalarNode("tags")]);
    }

    public static IReadOnlyList<(long Timestamp, double Value, long Step)> ReadMetric(string path)
    {
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        var complete = text.EndsWith('\n') ? lines[..^1] : lines[..^1];
        return complete.Where(l => l.Length > 0).Select(l =>
        {
            var parts = l.Split(' ');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), ParsePythonFloat(parts[1]), long.Parse(parts[2], CultureInfo.InvariantCulture));
        }).ToList();
    }

    private static double ParsePythonFloat(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static IEnumerable<(string Key, string Path)> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), f))
            : [];

    private static (YamlMappingNode Root, Dictionary<string, YamlScalarNode> Scalars) Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var mapping = (YamlMappingNode)yaml.Documents[0].RootNode;
        var scalars = mapping.Children
            .Where(c => c.Value is YamlScalarNode)
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlScalarNode)c.Value);
        return (mapping, scalars);
    }

    public static bool IsQuotedString(YamlScalarNode node) => node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
}
