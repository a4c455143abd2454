using YamlDotNet.RepresentationModel;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// Every pipeline shipped in pipelines/ is valid as it stands: `plan` accepts it (YAML, stage types, wiring and
/// every param's range) and, from an empty artifacts folder, lists each of its stages to run and writes nothing.
/// The long pipelines are never run in CI, so a param edited out of range there would otherwise reach users first.
/// </summary>
public sealed class ShippedPipelinesTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-shipped-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    // Every *.yaml in pipelines/ (xunit fails a theory that gets no data, so an emptied folder fails too).
    public static TheoryData<string> Pipelines() =>
        new(Directory.GetFiles(Path.Combine(RepoRoot.Path, "pipelines"), "*.yaml").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Pipelines))]
    public async Task A_shipped_pipeline_plans_every_stage_and_writes_nothing(string file)
    {
        var path = Path.Combine(RepoRoot.Path, "pipelines", file);
        using var plan = await Orchestrator.RunAsync(_work, "plan", path, "--artifacts", "artifacts", "--no-tracking");
        Assert.True(plan.ExitCode == 0, $"plan {file} exited {plan.ExitCode}:\n{plan.Stderr}\n{plan.Stdout}");
        var stages = StageIds(path);
        Assert.NotEmpty(stages);
        foreach (var stage in stages)
        {
            Assert.Contains(plan.Stdout.Split('\n'), line => line.TrimStart().StartsWith(stage + " ", StringComparison.Ordinal) && line.Contains(" run ", StringComparison.Ordinal));
        }
        Assert.Contains($"{stages.Count} to run, 0 cached", plan.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
    }

    // The stage ids, the keys of the top-level `stages` mapping, read with YamlDotNet rather than our own loader.
    private static List<string> StageIds(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return ((YamlMappingNode)root.Children[new YamlScalarNode("stages")]).Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList();
    }
}
