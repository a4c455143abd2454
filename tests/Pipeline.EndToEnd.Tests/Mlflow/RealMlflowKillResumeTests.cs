namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// The orchestrator killed with kill -9 (its whole process tree) while pre-training is past its first checkpoint,
/// then the same command again, against a real MLflow server behind a proxy that loses every fourth reply after
/// the server committed it: every row of <c>history.parquet</c> is in MLflow exactly once across the killed and
/// the resumed pretrain runs, each stage execution has one run, none is left RUNNING, and the resumed run names
/// the one it continues.
/// </summary>
public sealed class RealMlflowKillResumeTests : IDisposable
{
    private const int StepsPerEpoch = 8; // smoke: 512 unlabeled images, batch 64

    // Enough epochs that, on a quiet fast machine too, pre-training is still running when the server has caught up
    // with the steps past the first checkpoint (with 4 it could finish first: replies lost behind the proxy delay
    // the uploads by seconds).
    private const int Epochs = 24;
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-mlflow-kill-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Artifacts => Path.Combine(_work, "artifacts");

    [RealMlflowFact]
    public async Task Kill_9_after_a_checkpoint_then_resume_leaves_every_history_row_once_and_no_run_running()
    {
        await using var server = await RealMlflowServer.StartAsync();
        using var proxy = new LossyProxy(server.Uri, (path, ordinal) => path.StartsWith("/api/2.0/mlflow/", StringComparison.Ordinal) && ordinal % 4 == 3);

        // A lost reply is noticed when its attempt times out (MLflow's own variable, shortened so the test is quick).
        var environment = new Dictionary<string, string> { ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "2", ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "10" };
        string[] command =
        [
            Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"), "--artifacts", Artifacts, "--tracking-uri", proxy.Uri,
            "--set", $"pretrain.epochs={Epochs}", "--set", "pretrain.log_every_n_steps=1",
        ];

        using (var first = Orchestrator.Start(_work, environment, command))
        {
            // Past the first checkpoint, and the server already holds steps the checkpoint does not cover.
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (!(CheckpointExists() && await server.LatestStepAsync("smoke", "pretrain", "train_loss_step") > StepsPerEpoch + 1))
            {
                Assert.False(first.Process.HasExited, $"the orchestrator exited before it could be killed:\n{first.Stdout}\n{first.Stderr}");
                Assert.True(DateTime.UtcNow < deadline, $"pretrain never got past its first checkpoint:\n{first.Stdout}\n{first.Stderr}");
                await Task.Delay(100);
            }

            first.Process.Kill(entireProcessTree: true); // SIGKILL to the orchestrator and its stage processes
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var second = await Orchestrator.RunAsync(_work, environment, command);
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("resuming from its checkpoint", second.Stdout, StringComparison.Ordinal);
        Assert.True(proxy.Lost >= 5, $"only {proxy.Lost} replies were lost");

        var runs = await server.RunsAsync("smoke");
        Assert.DoesNotContain(runs, r => (string)r!["status"]! == "RUNNING");
        var children = runs.Where(r => r!["tags"]!["pipeline.stage"] is not null).ToList();
        var perExecution = children.GroupBy(r => ((string)r!["tags"]!["pipeline.run_id"]!, (string)r!["tags"]!["pipeline.stage"]!));
        Assert.All(perExecution, g => Assert.True(g.Count() == 1, $"{g.Count()} runs of stage {g.Key.Item2} in pipeline run {g.Key.Item1}"));
        Assert.Equal(2, runs.Count(r => r!["tags"]!["mlflow.parentRunId"] is null));

        var pretrain = children.Where(r => (string)r!["tags"]!["pipeline.stage"]! == "pretrain").ToList();
        Assert.Equal(2, pretrain.Count);
        var resumed = Assert.Single(pretrain, r => (string?)r!["tags"]!["pipeline.resumed"] == "true");
        var killed = Assert.Single(pretrain, r => r != resumed);
        Assert.Contains((string)killed!["status"]!, new[] { "KILLED", "FAILED" });
        Assert.Equal("FINISHED", (string)resumed!["status"]!);
        Assert.Equal((string)killed["run_id"]!, (string?)resumed["tags"]!["pipeline.resumed_from_run_id"]);

        using var duckDb = new DuckDb();
        var history = Directory.GetFiles(Path.Combine(Artifacts, "cache"), "history.parquet", SearchOption.AllDirectories).Single();
        var rows = await duckDb.PairsAsync($"select step, loss from read_parquet({DuckDb.Quote(history)}) order by step");
        Assert.Equal(Epochs * StepsPerEpoch, rows.Count);
        var points = new List<(long Step, double Value)>();
        points.AddRange(await server.HistoryAsync((string)killed["run_id"]!, "train_loss_step"));
        points.AddRange(await server.HistoryAsync((string)resumed["run_id"]!, "train_loss_step"));
        var duplicated = points.GroupBy(p => p.Step).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicated.Count == 0, $"steps in MLflow more than once across the chain: {string.Join(", ", duplicated)}");
        Assert.Equal(rows.Select(r => r.Key), points.Select(p => p.Step).Order());
        foreach (var (step, loss) in rows)
        {
            Assert.Equal(loss, points.Single(p => p.Step == step).Value, 6);
        }
    }

    private bool CheckpointExists() =>
        Directory.Exists(Path.Combine(Artifacts, "checkpoints"))
        && Directory.EnumerateFiles(Path.Combine(Artifacts, "checkpoints"), "simclr-pretrain.ckpt", SearchOption.AllDirectories).Any();
}
