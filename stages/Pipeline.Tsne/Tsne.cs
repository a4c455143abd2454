using Pipeline.Tsne.Affinities;
using Pipeline.Tsne.Initialization;
using Pipeline.Tsne.Neighbors;
using Pipeline.Tsne.Optimization;

namespace Pipeline.Tsne;

/// <summary>
/// Exact t-SNE (van der Maaten &amp; Hinton 2008) with the openTSNE / FIt-SNE recipe: exact k-NN with k = 3 x perplexity,
/// sparse symmetrised P, PCA init, early exaggeration, and an exact O(N^2)-time, O(N)-memory repulsive term computed
/// in one fused, multithreaded SIMD pass per iteration. The output is bitwise independent of the thread count.
/// </summary>
public static class Tsne
{
    private const double EarlyMomentum = 0.5;
    private const double LateMomentum = 0.8;
    private const int KlReportInterval = 50;

    /// <summary>Embeds the row-major N x D <paramref name="data"/> into N x <see cref="TsneOptions.Components"/>.</summary>
    /// <exception cref="ArgumentException">The options or the data shape are invalid; the message lists every problem.</exception>
    public static TsneResult Run(
        float[] data, int n, int d, TsneOptions options, IProgress<TsneProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        if (n < 2 || d < 1)
        {
            errors.Add($"t-SNE needs N >= 2 points of D >= 1 dimensions (got N = {n}, D = {d}).");
        }
        else if (data.Length != (long)n * d)
        {
            errors.Add($"data has {data.Length} values but N x D = {n} x {d} = {(long)n * d}.");
        }
        else if (Array.Exists(data, v => !float.IsFinite(v)))
        {
            errors.Add("data contains NaN or infinite values.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid t-SNE input: " + string.Join(" ", errors));
        }

        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        int dims = options.Components;

        progress?.Report(new TsneProgress(TsneStage.Neighbors, 0, options.Iterations, null));
        double perplexity = Math.Min(options.Perplexity, (n - 1) / 3.0);
        int k = Math.Clamp((int)(3 * perplexity), 1, n - 1);
        var neighbors = ExactKnn.Search(data, n, d, k, threads, ct);

        progress?.Report(new TsneProgress(TsneStage.Affinities, 0, options.Iterations, null));
        double[] conditional = PerplexityCalibration.Conditional(neighbors, perplexity, threads, ct);
        SparseAffinities p = JointProbabilities.Symmetrize(neighbors, conditional);

        progress?.Report(new TsneProgress(TsneStage.Initialization, 0, options.Iterations, null));
        float[] initial = options.Init == TsneInit.Pca
            ? PcaInitialization.Compute(data, n, d, dims, options.Seed, threads, ct)
            : RandomInitialization.Compute(n, dims, options.Seed);
        var y = SoaEmbedding.FromRowMajor(initial, n, dims);

        Optimize(p, y, options, threads, progress, ct);

        double kl = KlDivergence.Exact(p, y, options.DegreesOfFreedom, threads, ct);
        progress?.Report(new TsneProgress(TsneStage.Done, options.Iterations, options.Iterations, kl));
        return new TsneResult(y.ToRowMajor(), kl, options.Iterations);
    }

    /// <summary>Runs both gradient-descent phases on <paramref name="y"/> in place.</summary>
    internal static void Optimize(
        SparseAffinities p, SoaEmbedding y, TsneOptions options, int threads, IProgress<TsneProgress>? progress, CancellationToken ct)
    {
        var gradient = new TsneGradient(p, y.Dims, options.DegreesOfFreedom, threads);
        var descent = new GradientDescent(y.N, y.Dims);
        var g = TsneGradient.NewColumns(y.Dims, y.N);
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            bool early = iteration < options.EarlyExaggerationIterations;
            double exaggeration = early ? options.EarlyExaggeration : 1;
            double rate = options.LearningRate ?? Math.Max(y.N / exaggeration, 50);
            if (iteration == 0 || iteration == options.EarlyExaggerationIterations)
            {
                progress?.Report(new TsneProgress(early ? TsneStage.EarlyExaggeration : TsneStage.Optimization, iteration, options.Iterations, null));
            }

            double z = gradient.Compute(y, exaggeration, g, ct);
            bool report = progress is not null && ((iteration + 1) % KlReportInterval == 0);
            double? kl = report ? KlDivergence.FromNormalization(p, y, options.DegreesOfFreedom, z, threads) : null;

            // The learning rate is in the openTSNE convention, which leaves out the gradient's constant factor.
            descent.Step(y, g, early ? EarlyMomentum : LateMomentum, rate / gradient.Constant);
            if (report)
            {
                var stage = early ? TsneStage.EarlyExaggeration : TsneStage.Optimization;
                progress!.Report(new TsneProgress(stage, iteration + 1, options.Iterations, kl));
            }
        }
    }
}
