using System.Text.Json;
using Parquet;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// A sweep over linear_eval.lr on the smoke pipeline: the stages every variant shares (download, pretrain, embed,
/// tsne, augment_preview) run once, each variant is its own MLflow parent run tagged with the sweep, and the
/// comparison table lands as Parquet and Markdown sorted by the chosen metric.
/// </summary>
public sealed class SweepEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-sweep-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Sweeping_the_probe_lr_never_retrains_the_encoder_and_writes_a_sorted_table()
    {
        var smoke = Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");
        using var run = await Orchestrator.RunAsync(
            _work, smoke, "--artifacts", "artifacts", "--sweep", "linear_eval.lr=0.001,0.01", "--sweep-metric", "linear_eval.test_top1", "--jobs", "2");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        // Every stage of both variants, from the two run ledgers: shared stages computed once, the other is a hit.
        var ledgers = Directory.GetFiles(Path.Combine(_work, "artifacts", "runs"), "run.json", SearchOption.AllDirectories)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        Assert.Equal(2, ledgers.Count);
        var stages = ledgers.SelectMany(l => l.GetProperty("stages").EnumerateArray())
            .Select(s => (Id: s.GetProperty("id").GetString()!, Status: s.GetProperty("status").GetString()!, Key: s.GetProperty("key").GetString()!))
            .ToList();
        foreach (var shared in new[] { "download", "augment_preview", "pretrain", "embed", "tsne" })
        {
            var both = stages.Where(s => s.Id == shared).ToList();
            Assert.Equal(2, both.Count);
            Assert.Single(both.Select(s => s.Key).Distinct());
            Assert.Equal(["cached", "succeeded"], both.Select(s => s.Status).Order());
        }

        var probes = stages.Where(s => s.Id == "linear_eval").ToList();
        Assert.Equal(2, probes.Select(s => s.Key).Distinct().Count());
        Assert.All(probes, s => Assert.Equal("succeeded", s.Status));

        // The table: two rows, best test_top1 first, as Parquet and Markdown under the sweep's folder.
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(_work, "artifacts", "sweeps")));
        Assert.True(File.Exists(Path.Combine(folder, "sweep.md")));
        await using var stream = File.OpenRead(Path.Combine(folder, "sweep.parquet"));
        await using var reader = await ParquetReader.CreateAsync(stream);
        var field = reader.Schema.DataFields.SingleOrDefault(f => f.Name == "linear_eval.test_top1");
        Assert.True(field is not null, string.Join(", ", reader.Schema.DataFields.Select(f => f.Name)));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(2, group.RowCount);
        var column = new double[2];
        var defined = new int[2];
        await group.ReadRawAsync<double>(field!, column.AsMemory(), defined.AsMemory(), null);
        Assert.Equal([1, 1], defined);
        Assert.True(column[0] >= column[1], $"not sorted best first: {column[0]}, {column[1]}");

        // MLflow: one parent run per variant, tagged with the sweep and its value.
        var experiment = Directory.GetDirectories(Path.Combine(_work, "mlruns"))
            .Single(d => File.Exists(Path.Combine(d, "meta.yaml")) && File.ReadAllText(Path.Combine(d, "meta.yaml")).Contains("name: smoke", StringComparison.Ordinal));
        var parents = Directory.GetDirectories(experiment)
            .Where(d => Path.GetFileName(d) != "datasets" && !File.Exists(Path.Combine(d, "tags", "mlflow.parentRunId"))).ToList();
        Assert.Equal(2, parents.Count);
        Assert.Single(parents.Select(p => File.ReadAllText(Path.Combine(p, "tags", "pipeline.sweep_id"))).Distinct());
        Assert.Equal(Path.GetFileName(folder), File.ReadAllText(Path.Combine(parents[0], "tags", "pipeline.sweep_id")));
        Assert.Equal(["0.001", "0.01"], parents.Select(p => File.ReadAllText(Path.Combine(p, "tags", "sweep.linear_eval.lr"))).Order());
        Assert.Equal(["0.001", "0.01"], parents.Select(p => File.ReadAllText(Path.Combine(p, "params", "linear_eval.lr"))).Order());
    }
}
