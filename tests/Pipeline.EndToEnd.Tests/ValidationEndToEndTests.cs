namespace Pipeline.EndToEnd.Tests;

/// <summary>Broken pipelines kept aside: each must exit 2 with file:line:column and write nothing.</summary>
public sealed class ValidationEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-validate-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("syntax.yaml", "syntax.yaml:4:1:", "YAML syntax")]
    [InlineData("unknown-key.yaml", "unknown-key.yaml:5:5:", "unknown key 'parms' in stage 'download' (did you mean 'params'?)")]
    [InlineData("unknown-type.yaml", "unknown-type.yaml:4:11:", "unknown stage type 'download-stl11' (did you mean 'download-stl10'?); registered types: augment-preview, download-stl10, embed, fashion-mnist, linear-eval, report, simclr-pretrain, tsne")]
    [InlineData("bad-param.yaml", "bad-param.yaml:6:12:", "param 'download.url'")]
    [InlineData("bad-param.yaml", "bad-param.yaml:7:12:", "param 'download.md5'")]
    [InlineData("bad-param.yaml", "bad-param.yaml:8:24:", "param 'download.timeout_seconds'")]
    [InlineData("bad-param.yaml", "bad-param.yaml:9:20:", "param 'download.max_retries' expects an integer, got \"lots\"")]
    [InlineData("bad-input.yaml", "bad-input.yaml:8:24:", "has no output 'datasett' (did you mean 'dataset'?); its outputs: dataset")]
    [InlineData("cycle.yaml", "cycle.yaml:3:3:", "cycle between stages: a -> b -> a")]
    [InlineData("unclosed-flow.yaml", "unclosed-flow.yaml:5:13:", "YAML syntax: this '{' is never closed (the file cannot be read past 6:3)")]
    [InlineData("billion-laughs.yaml", "billion-laughs.yaml:7:61:", "alias '*lol4' takes the file past 100,000 values")]
    [InlineData("deep-nesting.yaml", "deep-nesting.yaml:6:40:", "nested deeper than 32 levels")]
    [InlineData("non-scalar-key.yaml", "non-scalar-key.yaml:2:3:", "a key must be a plain name, not a sequence")]
    [InlineData("multi-document.yaml", "multi-document.yaml:5:1:", "one YAML document")]
    [InlineData("misspelt-stages.yaml", "misspelt-stages.yaml:2:1:", "unknown key 'stagez' (did you mean 'stages'?)")]
    [InlineData("latin1.yaml", "latin1.yaml:5:26:", "not UTF-8: byte 0xE9 at byte offset 72 (line 5)")]
    public async Task Broken_pipeline_exits_2_with_its_location_and_writes_nothing(string file, string location, string message)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Broken", file);
        foreach (var verb in new[] { "run", "plan" })
        {
            using var run = await Orchestrator.RunAsync(_work, verb, path, "--artifacts", "artifacts");
            Assert.Equal(2, run.ExitCode);
            var line = run.Stderr.Split('\n').FirstOrDefault(l => l.Contains(location, StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
            Assert.True(line is not null, $"expected '{location} ... {message}' in:\n{run.Stderr}");
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.DoesNotContain("missing required key", run.Stderr);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
        }
    }

    [Theory]
    [InlineData("blocker")]
    [InlineData("blocker/artifacts")]
    public async Task Artifacts_at_or_under_a_regular_file_exit_2_before_anything_runs(string artifacts)
    {
        var blocker = Path.Combine(_work, "blocker");
        File.WriteAllText(blocker, "not a folder");
        var smoke = Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");
        foreach (var verb in new[] { "run", "plan" })
        {
            using var run = await Orchestrator.RunAsync(_work, verb, smoke, "--artifacts", artifacts, "--no-tracking");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--artifacts: error:", run.Stderr);
            Assert.Contains("is a file, not a folder", run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.Equal([blocker], Directory.EnumerateFileSystemEntries(_work));
        }
    }

    [Fact]
    public async Task Bad_command_line_values_exit_2()
    {
        var smoke = Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");
        using var set = await Orchestrator.RunAsync(_work, smoke, "--set", "download.subset.train=-1", "--artifacts", "artifacts");
        Assert.Equal(2, set.ExitCode);
        Assert.Contains("--set #1", set.Stderr);
        using var until = await Orchestrator.RunAsync(_work, smoke, "--until", "downlaod", "--artifacts", "artifacts");
        Assert.Equal(2, until.ExitCode);
        Assert.Contains("did you mean 'download'", until.Stderr);
        using var jobs = await Orchestrator.RunAsync(_work, smoke, "--jobs", "zero");
        Assert.Equal(2, jobs.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
    }
}
