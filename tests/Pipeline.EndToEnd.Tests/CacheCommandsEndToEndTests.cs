using System.Text.Json;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// The cache's promise from the command line: a flipped byte with its mtime restored passes <c>plan</c> (size and
/// mtime) but not <c>verify</c> or a run that reads it; <c>gc</c> leaves exactly what the pipeline needs; a run
/// leaves no request, result or staging files behind.
/// </summary>
public sealed class CacheCommandsEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-cache-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Artifacts => Path.Combine(_work, "artifacts");

    private static string Smoke => Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");

    [Fact]
    public async Task Verify_catches_a_flipped_byte_and_gc_keeps_exactly_what_the_pipeline_needs()
    {
        using (var first = await Orchestrator.RunAsync(_work, Smoke, "--artifacts", Artifacts, "--no-tracking"))
        {
            Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Artifacts, "tmp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Artifacts, "checkpoints")));
        var digestsBefore = OutputDigests();

        // A second variant of the pipeline leaves entries that the pipeline as written no longer needs.
        using (var variant = await Orchestrator.RunAsync(_work, Smoke, "--artifacts", Artifacts, "--no-tracking", "--set", "tsne.perplexity=5"))
        {
            Assert.True(variant.ExitCode == 0, variant.Stdout + variant.Stderr);
        }

        using (var dryRun = await Orchestrator.RunAsync(_work, "gc", Smoke, "--artifacts", Artifacts, "--dry-run"))
        {
            Assert.True(dryRun.ExitCode == 0, dryRun.Stdout + dryRun.Stderr);
            Assert.Equal(2, dryRun.Stdout.Split('\n').Count(l => l.StartsWith("would remove cache entry", StringComparison.Ordinal))); // the variant's tsne and report
            Assert.Equal(9, Directory.EnumerateDirectories(Path.Combine(Artifacts, "cache")).Count());
        }

        using (var gc = await Orchestrator.RunAsync(_work, "gc", Smoke, "--artifacts", Artifacts))
        {
            Assert.True(gc.ExitCode == 0, gc.Stdout + gc.Stderr);
        }

        Assert.Equal(digestsBefore, OutputDigests());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Artifacts, "locks")));
        using (var cached = await Orchestrator.RunAsync(_work, Smoke, "--artifacts", Artifacts, "--no-tracking"))
        {
            Assert.Contains("summary: 7 stages: 0 ran, 7 cached", cached.Stdout, StringComparison.Ordinal);
        }

        var embeddings = Directory.GetFiles(Path.Combine(Artifacts, "cache"), "embeddings.parquet", SearchOption.AllDirectories).Single();
        var mtime = File.GetLastWriteTimeUtc(embeddings);
        var bytes = await File.ReadAllBytesAsync(embeddings);
        bytes[bytes.Length / 2] ^= 0x20;
        await File.WriteAllBytesAsync(embeddings, bytes);
        File.SetLastWriteTimeUtc(embeddings, mtime);

        using (var plan = await Orchestrator.RunAsync(_work, "plan", Smoke, "--artifacts", Artifacts))
        {
            Assert.Contains("0 to run, 7 cached", plan.Stdout, StringComparison.Ordinal); // plan only compares size and mtime
        }

        using (var verify = await Orchestrator.RunAsync(_work, "verify", "--artifacts", Artifacts))
        {
            Assert.True(verify.ExitCode == 1, verify.Stdout + verify.Stderr);
            Assert.Contains("DAMAGED: embeddings/embeddings.parquet does not match its SHA-256", verify.Stdout, StringComparison.Ordinal);
            Assert.Contains("stage 'embed' will run again", verify.Stdout, StringComparison.Ordinal);
        }

        using (var afterVerify = await Orchestrator.RunAsync(_work, "gc", Smoke, "--artifacts", Artifacts, "--dry-run"))
        {
            // embed must run before tsne's and report's keys are known: gc keeps their entries rather than guess.
            Assert.Contains("would remove damaged entry", afterVerify.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("would remove cache entry", afterVerify.Stdout, StringComparison.Ordinal);
            Assert.Contains("keeping 1 entry of stage 'tsne'", afterVerify.Stdout, StringComparison.Ordinal);
        }

        using (var rerun = await Orchestrator.RunAsync(_work, Smoke, "--artifacts", Artifacts, "--no-tracking"))
        {
            // embed runs again (its entry was moved aside) and writes the same bytes, so what reads it stays cached.
            Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
            Assert.Contains("summary: 7 stages: 1 ran, 6 cached", rerun.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(digestsBefore, OutputDigests());
    }

    private List<string> OutputDigests() =>
        Directory.EnumerateFiles(Path.Combine(Artifacts, "cache"), "manifest.json", SearchOption.AllDirectories)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .SelectMany(m => m.GetProperty("outputs").EnumerateObject().Select(o => $"{m.GetProperty("stage_id").GetString()} {o.Name} {o.Value.GetProperty("digest").GetString()}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
