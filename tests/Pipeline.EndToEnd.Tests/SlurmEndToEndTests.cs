using System.Text.RegularExpressions;
using Pipeline.TestSupport.Http;

namespace Pipeline.EndToEnd.Tests;

/// <summary>The orchestrator's Slurm executor against a real single-node Slurm cluster.</summary>
public sealed partial class SlurmEndToEndTests : IClassFixture<SlurmCluster>, IClassFixture<SyntheticArchiveFixture>, IDisposable
{
    private readonly SlurmCluster _cluster;
    private readonly SyntheticArchiveFixture _archive;
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-slurm-run-").FullName;

    public SlurmEndToEndTests(SlurmCluster cluster, SyntheticArchiveFixture archive)
    {
        _cluster = cluster;
        _archive = archive;
    }

    private string Artifacts => Path.Combine(_work, "artifacts");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Smoke_pipeline_runs_as_slurm_jobs_and_a_cached_rerun_submits_nothing()
    {
        var smoke = Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");
        using var first = await Orchestrator.RunAsync(_work, _cluster.Environment, smoke, "--executor", "slurm", "--artifacts", Artifacts, "--no-tracking", "-v");
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        var jobs = JobIds(first.Stdout);
        Assert.Equal(7, jobs.Count); // one job per stage of the smoke pipeline
        Assert.Contains("leaves this stage 5 s to save its position (Slurm's KillWait)", first.Stdout); // the cluster's KillWait reached the stages
        foreach (var job in jobs)
        {
            Assert.Contains("JobState=COMPLETED", _cluster.Slurm("scontrol", "show", "job", job).Output);
        }

        using var second = await Orchestrator.RunAsync(_work, _cluster.Environment, smoke, "--executor", "slurm", "--artifacts", Artifacts, "--no-tracking", "-v");
        Assert.Equal(0, second.ExitCode);
        Assert.Empty(JobIds(second.Stdout));
        Assert.Matches(@"summary: \d+ stages: 0 ran", second.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Artifacts, "tmp"))); // no sbatch, request, result or output files left

        // The same pipeline run locally gives the same keys and the same bytes: the executor is not in the key.
        var local = Path.Combine(_work, "local-artifacts");
        using var third = await Orchestrator.RunAsync(_work, smoke, "--executor", "local", "--artifacts", local, "--no-tracking");
        Assert.True(third.ExitCode == 0, third.Stdout + third.Stderr);
        Assert.Equal(OutputDigests(Artifacts), OutputDigests(local));
    }

    private static List<string> OutputDigests(string artifacts) =>
        Directory.EnumerateFiles(Path.Combine(artifacts, "cache"), "manifest.json", SearchOption.AllDirectories)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .SelectMany(m => m.GetProperty("outputs").EnumerateObject().Select(o => $"{m.GetProperty("key").GetString()} {o.Name} {o.Value.GetProperty("digest").GetString()}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_orchestrator_reads_the_clusters_KillWait_that_bounds_a_stopping_stage()
    {
        // scripts/slurm/start.sh sets KillWait=5: the stage is told it, and the host's shutdown wait is fitted to it.
        var config = _cluster.Slurm("scontrol", "show", "config");
        Assert.True(config.Code == 0, config.Output);
        Assert.Equal(TimeSpan.FromSeconds(5), Pipeline.Engine.Execution.Slurm.SlurmCluster.ParseKillWait(config.Output));
    }

    [Fact]
    public async Task A_job_killed_with_scancel_fails_with_its_slurm_state_and_the_rerun_resumes_from_its_checkpoint()
    {
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 1_000_000 };
        var pipeline = Path.Combine(_work, "download.yaml");
        File.WriteAllText(pipeline, $"""
            name: e2e-slurm
            executor: slurm
            resources: {"{"} cpus: 1, time: "10" {"}"}
            stages:
              download:
                uses: download-stl10
                params: {"{"} url: "{server.Url}", md5: {_archive.Digest.Md5}, retry_delay_seconds: 0.1 {"}"}
            """);
        using var run = Orchestrator.Start(_work, _cluster.Environment, pipeline, "--artifacts", Artifacts, "--no-tracking", "-v");
        await run.WaitForOutputAsync("submitted as Slurm job", TimeSpan.FromSeconds(60));
        var job = JobIds(run.Stdout).Single();
        await WaitForPartialDownloadAsync(run, moreThan: 200_000);

        Assert.Equal(0, _cluster.Slurm("scancel", job).Code);
        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(120)));
        Assert.Matches($@"x \[download\] FAILED: .*Slurm job {job} (CANCELLED|FAILED)", run.Stdout);

        server.BytesPerSecond = null;
        using var rerun = await Orchestrator.RunAsync(_work, _cluster.Environment, pipeline, "--artifacts", Artifacts, "--no-tracking", "-v");
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Contains("resuming from its checkpoint", rerun.Stdout);
        Assert.Contains(server.Requests, r => r.RangeStart > 0);
    }

    [Fact]
    public async Task Ctrl_c_cancels_the_submitted_job_and_exits_130()
    {
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 500_000 };
        var pipeline = Path.Combine(_work, "cancel.yaml");
        File.WriteAllText(pipeline, $"name: e2e-slurm-cancel\nstages:\n  download:\n    uses: download-stl10\n    params: {{ url: \"{server.Url}\", md5: {_archive.Digest.Md5} }}\n");
        using var run = Orchestrator.Start(_work, _cluster.Environment, pipeline, "--executor", "slurm", "--artifacts", Artifacts, "--no-tracking", "-v");
        await run.WaitForOutputAsync("submitted as Slurm job", TimeSpan.FromSeconds(60));
        var job = JobIds(run.Stdout).Single();
        await WaitForPartialDownloadAsync(run, moreThan: 0); // the job is running and its stage is downloading
        Assert.Equal(0, Signals.Kill(run.Process.Id, Signals.SigInt));
        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(120)));
        Assert.Contains($"cancelling Slurm job {job}", run.Stdout);
        Assert.DoesNotMatch("JobState=(RUNNING|PENDING)", _cluster.Slurm("scontrol", "show", "job", job).Output);
    }

    [Fact]
    public async Task Ctrl_c_while_the_job_is_pending_cancels_it_at_once_exits_130_and_closes_the_ledger()
    {
        // A job that takes every CPU of the node keeps the stage's job PENDING (Reason=Resources).
        var blocker = _cluster.Slurm("sbatch", "--parsable", "--exclusive", "-o", "/dev/null", "--job-name=e2e-blocker", "--wrap", "sleep 600");
        Assert.True(blocker.Code == 0, blocker.Output);
        var blockerId = blocker.Output.Trim().Split(';')[0];
        try
        {
            var pipeline = Path.Combine(_work, "pending.yaml");
            File.WriteAllText(pipeline, $"name: e2e-slurm-pending\nstages:\n  download:\n    uses: download-stl10\n    params: {{ url: \"{_archive.ArchivePath}\", md5: {_archive.Digest.Md5} }}\n");
            using var run = Orchestrator.Start(_work, _cluster.Environment, pipeline, "--executor", "slurm", "--artifacts", Artifacts, "--no-tracking", "-v");
            await run.WaitForOutputAsync("submitted as Slurm job", TimeSpan.FromSeconds(60));
            var job = JobIds(run.Stdout).Single();
            Assert.Contains("JobState=PENDING", _cluster.Slurm("scontrol", "show", "job", "-o", job).Output);

            Assert.Equal(0, Signals.Kill(run.Process.Id, Signals.SigInt));

            Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(110)));
            Assert.Contains($"cancelling Slurm job {job} (PENDING: it has not started)", run.Stdout);
            Assert.Contains("JobState=CANCELLED", _cluster.Slurm("scontrol", "show", "job", "-o", job).Output);
            var ledger = File.ReadAllText(Path.Combine(Artifacts, "runs", File.ReadAllText(Path.Combine(Artifacts, "runs", "LATEST")).Trim(), "run.json"));
            Assert.Contains("\"status\": \"cancelled\"", ledger);
            Assert.Matches("\"ended\": \"20", ledger);
        }
        finally
        {
            _cluster.Slurm("scancel", blockerId);
        }
    }

    [Fact]
    public async Task A_job_near_its_time_limit_gets_sigterm_in_the_stage_and_saves_its_checkpoint_before_the_limit()
    {
        // --time=1 with --signal=B:TERM@60: Slurm signals the batch shell (the stage host) at its next check, well
        // before the limit; signalled only in its (non-existent) steps the stage would run on into TIMEOUT.
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 100_000 };
        var pipeline = Path.Combine(_work, "limit.yaml");
        File.WriteAllText(pipeline, $"""
            name: e2e-slurm-limit
            executor: slurm
            resources: {"{"} cpus: 1, time: "1" {"}"}
            stages:
              download:
                uses: download-stl10
                params: {"{"} url: "{server.Url}", md5: {_archive.Digest.Md5} {"}"}
            """);

        using var run = await Orchestrator.RunAsync(_work, _cluster.Environment, pipeline, "--artifacts", Artifacts, "--no-tracking", "-v");

        Assert.Equal(1, run.ExitCode);
        var job = JobIds(run.Stdout).Single();
        Assert.Matches($@"x \[download\] FAILED: .*Slurm job {job} (FAILED|COMPLETED|CANCELLED) .*the stage saved its checkpoint", run.Stdout);
        Assert.DoesNotContain("TIMEOUT", run.Stdout);
    }

    // Polls for a file the job writes (a wait with a generous deadline against a hang, not an ordering sleep).
    private async Task WaitForPartialDownloadAsync(Orchestrator run, long moreThan)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var checkpoints = Path.Combine(Artifacts, "checkpoints");
        while (!Directory.Exists(checkpoints) || !Directory.EnumerateFiles(checkpoints, "*.partial", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > moreThan))
        {
            Assert.True(DateTime.UtcNow < deadline, "no partial download appeared\n" + run.Stdout);
            Assert.False(run.Process.HasExited, "the orchestrator exited early\n" + run.Stdout + run.Stderr);
            await Task.Delay(100);
        }
    }

    private static List<string> JobIds(string output) => JobPattern().Matches(output).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"submitted as Slurm job (\d+)")]
    private static partial Regex JobPattern();
}
