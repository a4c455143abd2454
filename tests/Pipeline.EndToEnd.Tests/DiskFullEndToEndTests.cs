using Pipeline.TestSupport.Archives;
using Pipeline.TestSupport.Storage;

namespace Pipeline.EndToEnd.Tests;

/// <summary>A download that does not fit the artifacts folder's disk: one clean line, the summary, no cache entry.</summary>
public sealed class DiskFullEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-diskfull-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [SmallFilesystemFact]
    public async Task A_dataset_larger_than_the_free_space_fails_the_stage_in_one_line_without_a_stack_trace()
    {
        using var small = new SmallFilesystem(4 << 20);
        var archive = Path.Combine(_work, "stl10_binary.tar.gz");
        await MaliciousArchive.WithZerosAsync(archive, "stl10_binary/train_X.bin", 27_648 * 400);
        var pipeline = Path.Combine(_work, "p.yaml");
        await File.WriteAllTextAsync(pipeline, $"name: diskfull\nstages:\n  download:\n    uses: download-stl10\n    params: {{ url: \"{archive}\" }}\n");

        using var run = await Orchestrator.RunAsync(_work, pipeline, "--artifacts", small.Path, "--no-tracking");

        var output = run.Stdout + run.Stderr;
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("x [download] FAILED: not enough disk space for extracting stl10_binary.tar.gz: ", output);
        Assert.Matches(@"needs 10\.\d MiB \([\d,]+ bytes\) but only [34]\.\d MiB \([\d,]+ bytes\) is free there", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("crashed", output);
        Assert.Contains("summary: 1 stages: 0 ran", output);
        Assert.Empty(Directory.Exists(Path.Combine(small.Path, "cache")) ? Directory.GetDirectories(Path.Combine(small.Path, "cache")) : []);
    }
}
