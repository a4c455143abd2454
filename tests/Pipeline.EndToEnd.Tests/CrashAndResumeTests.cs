using System.Diagnostics;
using Pipeline.TestSupport.Http;

namespace Pipeline.EndToEnd.Tests;

/// <summary>kill -9, Ctrl-C and two orchestrators at once, against the real orchestrator and a real loopback HTTP server.</summary>
public sealed class CrashAndResumeTests : IClassFixture<SyntheticArchiveFixture>, IDisposable
{
    private readonly SyntheticArchiveFixture _archive;
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-crash-").FullName;

    public CrashAndResumeTests(SyntheticArchiveFixture archive) => _archive = archive;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string WritePipeline(Uri url)
    {
        var path = Path.Combine(_work, "download.yaml");
        File.WriteAllText(path, $"""
            name: e2e-download
            stages:
              download:
                uses: download-stl10
                params:
                  url: "{url}"
                  md5: {_archive.Digest.Md5}
                  retry_delay_seconds: 0.1
            """);
        return path;
    }

    private string Artifacts => Path.Combine(_work, "artifacts");

    private async Task<long> WaitForPartialBytesAsync(long atLeast, Orchestrator watched)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var checkpoints = Path.Combine(Artifacts, "checkpoints");
            var size = Directory.Exists(checkpoints)
                ? Directory.EnumerateDirectories(checkpoints).SelectMany(d => new DirectoryInfo(d).EnumerateFiles("*.partial", SearchOption.AllDirectories)).Select(f => f.Exists ? f.Length : 0).DefaultIfEmpty(0).Max()
                : 0;
            if (size >= atLeast)
            {
                return size;
            }

            Assert.False(watched.Process.HasExited, $"orchestrator exited early:\n{watched.Stdout}\n{watched.Stderr}");
            await Task.Delay(50);
        }

        throw new TimeoutException("no partial download appeared");
    }

    private void AssertDatasetMatchesSource()
    {
        var entry = Directory.GetDirectories(Path.Combine(Artifacts, "cache")).Single();
        foreach (var file in Directory.GetFiles(_archive.SourceDataset))
        {
            var copy = Path.Combine(entry, "dataset", Path.GetFileName(file));
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(copy)), $"{copy} differs from the source");
        }
    }

    [Fact]
    public async Task Kill_9_during_the_download_then_the_same_command_resumes_with_a_range_request()
    {
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 1_000_000 };
        var pipeline = WritePipeline(server.Url);
        using (var first = Orchestrator.Start(_work, pipeline, "--artifacts", Artifacts))
        {
            await WaitForPartialBytesAsync(300_000, first);
            Assert.Equal(0, Signals.Kill(first.Process.Id, Signals.SigKill));
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }

        server.BytesPerSecond = null;
        var killedRun = Directory.GetDirectories(Path.Combine(Artifacts, "runs")).Single();
        Assert.Contains("\"status\": \"running\"", File.ReadAllText(Path.Combine(killedRun, "run.json")));

        // max_retries and timeout_seconds are operational: out of the key, so the same checkpoint resumes.
        using var second = await Orchestrator.RunAsync(_work, pipeline, "--artifacts", Artifacts, "--set", "download.max_retries=9", "--set", "download.timeout_seconds=120");
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("resuming from its checkpoint", second.Stdout);
        Assert.Contains("(resuming from checkpoint", second.Stdout);
        Assert.Contains("\"status\": \"killed\"", File.ReadAllText(Path.Combine(killedRun, "run.json")));
        Assert.Contains(server.Requests, r => r.RangeStart > 0 && r.StatusCode == 206);
        Assert.Matches(@"closed \d run\(s\) of crashed run", second.Stdout);
        var metas = Directory.GetFiles(Path.Combine(_work, "mlruns"), "meta.yaml", SearchOption.AllDirectories).Select(File.ReadAllText).Where(m => m.Contains("run_id:", StringComparison.Ordinal)).ToList();
        Assert.Contains(metas, m => m.Contains("status: 4", StringComparison.Ordinal));
        Assert.DoesNotContain(metas, m => m.Contains("status: 1", StringComparison.Ordinal));
        AssertDatasetMatchesSource();

        // The resumed stage run names the killed one it continues.
        var runDirs = Directory.GetFiles(Path.Combine(_work, "mlruns"), "meta.yaml", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Where(d => Directory.Exists(Path.Combine(d!, "tags"))).ToList();
        string? Tag(string? dir, string key) => File.Exists(Path.Combine(dir!, "tags", key)) ? File.ReadAllText(Path.Combine(dir!, "tags", key)) : null;
        var killed = runDirs.Single(d => Tag(d, "pipeline.stage") == "download" && File.ReadAllText(Path.Combine(d!, "meta.yaml")).Contains("status: 4", StringComparison.Ordinal));
        var resumed = runDirs.Single(d => Tag(d, "pipeline.resumed") == "true");
        Assert.Equal(Path.GetFileName(killed), Tag(resumed, "pipeline.resumed_from_run_id"));

        using var third = await Orchestrator.RunAsync(_work, pipeline, "--artifacts", Artifacts);
        Assert.Matches(@"summary: 1 stages: 0 ran, 1 cached", third.Stdout);
    }

    [Fact]
    public async Task Ctrl_c_exits_130_keeps_the_partial_download_and_the_next_run_finishes()
    {
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 1_000_000 };
        var pipeline = WritePipeline(server.Url);
        using (var first = Orchestrator.Start(_work, pipeline, "--artifacts", Artifacts))
        {
            var partial = await WaitForPartialBytesAsync(200_000, first);
            Assert.Equal(0, Signals.Kill(first.Process.Id, Signals.SigInt));
            Assert.Equal(130, await first.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("cancelled", first.Stdout);
            Assert.True(partial > 0);
        }

        using var status = await Orchestrator.RunAsync(_work, "status", "--artifacts", Artifacts);
        Assert.Contains("status cancelled", status.Stdout);
        Assert.False(Directory.Exists(Path.Combine(Artifacts, "cache")) && Directory.EnumerateDirectories(Path.Combine(Artifacts, "cache")).Any());

        server.BytesPerSecond = null;
        using var second = await Orchestrator.RunAsync(_work, pipeline, "--artifacts", Artifacts);
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains(server.Requests, r => r.RangeStart > 0);
        AssertDatasetMatchesSource();
    }

    [Fact]
    public async Task Two_orchestrators_at_once_compute_the_stage_once()
    {
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 2_000_000 };
        var pipeline = WritePipeline(server.Url);
        using var first = Orchestrator.Start(_work, pipeline, "--artifacts", Artifacts);
        await WaitForPartialBytesAsync(100_000, first);
        using var second = Orchestrator.Start(_work, pipeline, "--artifacts", Artifacts);
        await second.WaitForOutputAsync("waiting for run", TimeSpan.FromSeconds(60));
        Assert.Contains($"pid {first.Process.Id}", second.Stdout);
        Assert.Equal(0, await first.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(0, await second.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains("1 ran", first.Stdout);
        Assert.Contains("0 ran, 1 cached", second.Stdout);
        Assert.Single(server.Requests, r => r.RangeStart is null or 0);
        AssertDatasetMatchesSource();
    }

    [Fact]
    public async Task A_stage_process_killed_with_kill_9_is_reported_with_its_name_and_exit_status()
    {
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 500_000 };
        var pipeline = WritePipeline(server.Url);
        using var run = Orchestrator.Start(_work, pipeline, "--artifacts", Artifacts);
        await WaitForPartialBytesAsync(100_000, run);
        var stagePid = FindStageProcess();
        Assert.Equal(0, Signals.Kill(stagePid, Signals.SigKill));
        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("x [download] FAILED: the stage process was killed (SIGKILL", run.Stdout);
        Assert.Contains("exit code 137", run.Stdout);
    }

    private int FindStageProcess()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("stage-host", StringComparison.Ordinal) && cmdline.Contains(_work, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException("stage process not found");
    }
}
