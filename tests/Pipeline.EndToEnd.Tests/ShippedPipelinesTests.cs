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

    public static TheoryData<string> Pipelines() => new(ShippedFiles());

    [Fact]
    public void The_four_documented_pipelines_are_there() =>
        Assert.Equal(["fashion-mnist-long.yaml", "fashion-mnist.yaml", "smoke.yaml", "stl10.yaml"], ShippedFiles());

    private static List<string> ShippedFiles() =>
        Directory.GetFiles(Path.Combine(RepoRoot.Path, "pipelines"), "*.yaml")
            .Select(file => Path.GetFileName(file))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [MemberData(nameof(Pipelines))]
    public async Task A_shipped_pipeline_plans_every_stage_and_writes_nothing(string file)
    {
        var path = Path.Combine(RepoRoot.Path, "pipelines", file);
        using var plan = await Orchestrator.RunAsync(_work, "plan", path, "--artifacts", "artifacts", "--no-tracking");
        Assert.True(plan.ExitCode == 0, $"plan {file} exited {plan.ExitCode}:\n{plan.Stderr}\n{plan.Stdout}");
        var stages = StageIds(File.ReadAllLines(path));
        Assert.NotEmpty(stages);
        foreach (var stage in stages)
        {
            Assert.Contains(plan.Stdout.Split('\n'), line => line.TrimStart().StartsWith(stage + " ", StringComparison.Ordinal) && line.Contains(" run ", StringComparison.Ordinal));
        }
        Assert.Contains($"{stages.Count} to run, 0 cached", plan.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
    }

    // The stage ids: the keys indented by two spaces under the top-level `stages:` key.
    private static List<string> StageIds(string[] lines)
    {
        var ids = new List<string>();
        var inStages = false;
        foreach (var line in lines)
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#'))
            {
                inStages = line.StartsWith("stages:", StringComparison.Ordinal);
                continue;
            }
            if (inStages && line.Length > 2 && line.StartsWith("  ", StringComparison.Ordinal) && !char.IsWhiteSpace(line[2]) && line[2] != '#' && line.TrimEnd().EndsWith(':'))
            {
                ids.Add(line.Trim().TrimEnd(':'));
            }
        }
        return ids;
    }
}
