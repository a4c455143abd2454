namespace Pipeline.Tsne.Tests;

public class TsneTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Separated_clusters_stay_separated_and_trustworthy(int dims)
    {
        var (x, labels) = TestData.Clusters(clusters: 5, perCluster: 60, d: 50, centreStd: 3, seed: 21);
        var result = Tsne.Run(x, 300, 50, new TsneOptions { Components = dims });
        Assert.Equal(300 * dims, result.Embedding.Length);
        Assert.All(result.Embedding, v => Assert.True(float.IsFinite(v)));
        Assert.True(EmbeddingQuality.KnnAccuracy(result.Embedding, 300, dims, labels, 10) > 0.95);
        Assert.True(EmbeddingQuality.Trustworthiness(x, 300, 50, result.Embedding, dims, 10) > 0.9);
        Assert.InRange(result.KlDivergence, 0, 2);
        Assert.Equal(750, result.Iterations);
    }

    [Fact]
    public void Same_seed_gives_identical_output_whatever_the_thread_count()
    {
        var (x, _) = TestData.Clusters(clusters: 3, perCluster: 40, d: 20, centreStd: 3, seed: 4);
        var options = new TsneOptions { Iterations = 300, EarlyExaggerationIterations = 100, Threads = 1 };
        var first = Tsne.Run(x, 120, 20, options);
        var again = Tsne.Run(x, 120, 20, options);
        var parallel = Tsne.Run(x, 120, 20, options with { Threads = 2 });
        Assert.Equal(first.Embedding, again.Embedding);
        Assert.Equal(first.Embedding, parallel.Embedding);
        Assert.Equal(first.KlDivergence, parallel.KlDivergence);
    }

    [Fact]
    public void Random_init_also_converges_and_kl_decreases_after_exaggeration()
    {
        var (x, labels) = TestData.Clusters(clusters: 4, perCluster: 50, d: 30, centreStd: 3, seed: 8);
        var reports = new List<TsneProgress>();
        var result = Tsne.Run(x, 200, 30, new TsneOptions { Components = 2, Init = TsneInit.Random }, new ListProgress(reports));
        var kls = reports.Where(r => r.Stage == TsneStage.Optimization && r.KlDivergence is not null).Select(r => r.KlDivergence!.Value).ToList();
        Assert.True(kls.Count >= 5);
        Assert.True(kls[^1] <= kls[0], $"KL went from {kls[0]} to {kls[^1]}");
        Assert.Equal(result.KlDivergence, reports[^1].KlDivergence);
        Assert.Equal(TsneStage.Done, reports[^1].Stage);
        Assert.True(EmbeddingQuality.KnnAccuracy(result.Embedding, 200, 2, labels, 10) > 0.95);
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        var (x, _) = TestData.Clusters(clusters: 2, perCluster: 30, d: 5, centreStd: 3, seed: 1);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Tsne.Run(x, 60, 5, new TsneOptions(), ct: cts.Token));
    }

    [Fact]
    public void Tiny_inputs_lower_the_perplexity_instead_of_failing()
    {
        float[] x = TestData.Uniform(10, 4, 1, seed: 2);
        var result = Tsne.Run(x, 10, 4, new TsneOptions { Components = 2, Iterations = 100, EarlyExaggerationIterations = 50 });
        Assert.All(result.Embedding, v => Assert.True(float.IsFinite(v)));
    }

    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class ListProgress(List<TsneProgress> reports) : IProgress<TsneProgress>
    {
        public void Report(TsneProgress value) => reports.Add(value);
    }
}
