namespace Pipeline.EndToEnd.Tests;

/// <summary>The smoke pipeline recorded in an MLflow file store: parent and child runs, then a cached re-run.</summary>
public sealed class TrackingEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-tracking-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static Dictionary<string, string> Folder(string path) =>
        Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(path, f), File.ReadAllText) : [];

    [Fact]
    public async Task Smoke_runs_land_in_the_file_store_with_parent_child_runs_and_cache_hits()
    {
        var smoke = Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");
        using var first = await Orchestrator.RunAsync(_work, smoke, "--run-name", "first");
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        using var second = await Orchestrator.RunAsync(_work, smoke, "--run-name", "second");
        Assert.Equal(0, second.ExitCode);

        var experiment = Directory.GetDirectories(Path.Combine(_work, "mlruns"))
            .Single(d => File.Exists(Path.Combine(d, "meta.yaml")) && File.ReadAllText(Path.Combine(d, "meta.yaml")).Contains("name: smoke", StringComparison.Ordinal));
        // An experiment folder holds its runs and MLflow's datasets/ folder (the runs' dataset inputs).
        Assert.True(Directory.Exists(Path.Combine(experiment, "datasets")), "no dataset inputs were logged");
        var runs = Directory.GetDirectories(experiment).Where(d => Path.GetFileName(d) != "datasets").Select(d => (Dir: d, Tags: Folder(Path.Combine(d, "tags")), Params: Folder(Path.Combine(d, "params")), Meta: File.ReadAllText(Path.Combine(d, "meta.yaml")))).ToList();
        var stages = new[] { "download", "augment_preview", "pretrain", "linear_eval", "embed", "tsne", "report" };
        Assert.Equal(2 * (1 + stages.Length), runs.Count);

        var parents = runs.Where(r => !r.Tags.ContainsKey("mlflow.parentRunId")).ToList();
        Assert.Equal(["first", "second"], parents.Select(p => p.Tags["mlflow.runName"]).Order());
        Assert.All(parents, p =>
        {
            Assert.Equal("synthetic:", p.Params["download.url"]);
            Assert.Contains("status: 3", p.Meta);
            Assert.True(File.Exists(Path.Combine(p.Dir, "artifacts", "pipeline", "smoke.yaml")));
        });

        var firstParent = parents.Single(p => p.Tags["mlflow.runName"] == "first");
        var secondParent = parents.Single(p => p.Tags["mlflow.runName"] == "second");
        var firstChildren = runs.Where(r => r.Tags.GetValueOrDefault("mlflow.parentRunId") == Path.GetFileName(firstParent.Dir)).ToList();
        var secondChildren = runs.Where(r => r.Tags.GetValueOrDefault("mlflow.parentRunId") == Path.GetFileName(secondParent.Dir)).ToList();
        Assert.Equal(stages.Order(), firstChildren.Select(c => c.Tags["mlflow.runName"]).Order());
        Assert.Equal(stages.Order(), secondChildren.Select(c => c.Tags["mlflow.runName"]).Order());
        Assert.All(firstChildren, c => Assert.Equal("miss", c.Tags["pipeline.cache"]));
        Assert.All(secondChildren, c => Assert.Equal("hit", c.Tags["pipeline.cache"]));

        // Metric histories: one line per logged step, no step twice; the parent carries stage.metric summaries.
        var pretrain = firstChildren.Single(c => c.Tags["mlflow.runName"] == "pretrain");
        var steps = File.ReadAllLines(Path.Combine(pretrain.Dir, "metrics", "train_loss_step")).Select(l => long.Parse(l.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(steps.Count >= 4, string.Join(",", steps));
        Assert.Equal(steps.Distinct().Count(), steps.Count);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(pretrain.Dir, "metrics", "train_loss_epoch")).Length);
        Assert.All(parents, p => Assert.True(File.Exists(Path.Combine(p.Dir, "metrics", "linear_eval.test_top1")), "parent lacks linear_eval.test_top1"));
        Assert.Equal(
            File.ReadAllText(Path.Combine(firstParent.Dir, "metrics", "linear_eval.test_top1")).Split(' ')[1],
            File.ReadAllText(Path.Combine(secondParent.Dir, "metrics", "linear_eval.test_top1")).Split(' ')[1]);

        var computed = firstChildren.Single(c => c.Tags["mlflow.runName"] == "download");
        var hit = secondChildren.Single(c => c.Tags["mlflow.runName"] == "download");
        Assert.Equal("miss", computed.Tags["pipeline.cache"]);
        Assert.Equal("hit", hit.Tags["pipeline.cache"]);
        Assert.Equal(Path.GetFileName(computed.Dir), hit.Tags["pipeline.cache.source_run_id"]);
        Assert.Equal("download", hit.Tags["mlflow.runName"]);
        Assert.Equal("synthetic:", hit.Params["url"]);
    }
}
