namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// Against a real MLflow server with its basic-auth app: a run started with a wrong password is spooled, a sync
/// with it keeps everything pending and exits 1, a sync with the right one sends it all into the right experiment
/// and rewrites the cache's local run ids, so later cache hits point at runs that exist.
/// </summary>
public sealed class RealMlflowCredentialsTests : IDisposable
{
    private const string WrongPassword = "wrong-PLANTED-4d2e";
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-mlflow-auth-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static Dictionary<string, string> Credentials(string password) => new()
    {
        ["MLFLOW_TRACKING_USERNAME"] = RealMlflowServer.AdminUser,
        ["MLFLOW_TRACKING_PASSWORD"] = password,
    };

    [RealMlflowFact]
    public async Task Wrong_password_spools_the_run_sync_keeps_it_pending_then_sends_it_and_fixes_the_cache_index()
    {
        await using var server = await RealMlflowServer.StartAsync(basicAuth: true);
        var smoke = Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");

        using var offline = await Orchestrator.RunAsync(_work, Credentials(WrongPassword), smoke, "--tracking-uri", server.Uri, "--run-name", "first");
        var offlineOutput = offline.Stdout + offline.Stderr;
        Assert.True(offline.ExitCode == 0, offlineOutput);
        Assert.Contains("401 UNAUTHENTICATED", offlineOutput, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_PASSWORD", offlineOutput, StringComparison.Ordinal);
        Assert.Contains("spool", offlineOutput, StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("smoke"));
        var index = Path.Combine(_work, "artifacts", "tracking");
        Assert.All(Directory.GetFiles(index), f => Assert.StartsWith("local-", File.ReadAllText(f), StringComparison.Ordinal));

        using var refused = await Orchestrator.RunAsync(_work, Credentials(WrongPassword), "tracking", "sync", "--tracking-uri", server.Uri);
        var refusedOutput = refused.Stdout + refused.Stderr;
        Assert.True(refused.ExitCode == 1, refusedOutput);
        Assert.Contains("MLFLOW_TRACKING_USERNAME", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("still pending", refusedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, refusedOutput, StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("smoke"));

        using var sync = await Orchestrator.RunAsync(_work, Credentials(RealMlflowServer.AdminPassword), "tracking", "sync", "--tracking-uri", server.Uri);
        var syncOutput = sync.Stdout + sync.Stderr;
        Assert.True(sync.ExitCode == 0, syncOutput);
        Assert.Contains("into experiment 'smoke'", syncOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("experiment 'pipeline'", syncOutput, StringComparison.Ordinal);
        Assert.Contains("tracking: nothing pending", syncOutput, StringComparison.Ordinal);

        var runs = await server.RunsAsync("smoke");
        Assert.Equal(8, runs.Count);
        Assert.All(runs, r => Assert.Equal("FINISHED", (string)r!["status"]!));
        var ids = runs.Select(r => (string)r!["run_id"]!).ToHashSet(StringComparer.Ordinal);

        // Dataset inputs (spooled with the rest): pretrain trains on the download stage's dataset.
        var pretrainInputs = runs.Single(r => (string?)r!["name"] == "pretrain")!["inputs"]!.AsArray();
        var dataset = Assert.Single(pretrainInputs, i => (string?)i!["name"] == "download.dataset")!;
        Assert.Equal("training", (string?)dataset["context"]);
        Assert.Equal("local", (string?)dataset["source_type"]);
        Assert.Equal(36, ((string)dataset["digest"]!).Length);
        Assert.All(Directory.GetFiles(index), f => Assert.Contains(File.ReadAllText(f).Trim(), ids));

        using var cached = await Orchestrator.RunAsync(_work, Credentials(RealMlflowServer.AdminPassword), smoke, "--tracking-uri", server.Uri, "--run-name", "second");
        Assert.True(cached.ExitCode == 0, cached.Stdout + cached.Stderr);
        var hits = (await server.RunsAsync("smoke")).Where(r => (string?)r!["tags"]!["pipeline.cache"] == "hit").ToList();
        Assert.Equal(7, hits.Count);
        Assert.All(hits, h => Assert.Contains((string)h!["tags"]!["pipeline.cache.source_run_id"]!, ids));
    }
}
