using Pipeline.Tsne.Neighbors;

namespace Pipeline.Tsne.Initialization;

/// <summary>
/// PCA initialisation: the data projected on its top principal components, rescaled so the first has standard
/// deviation 1e-4 (Kobak &amp; Berens 2019, "The art of using t-SNE for single-cell transcriptomics"; openTSNE's default).
/// </summary>
internal static class PcaInitialization
{
    /// <summary>Target standard deviation of the first component.</summary>
    public const double TargetStd = 1e-4;

    /// <summary>Row-major N x components initial embedding.</summary>
    public static float[] Compute(ReadOnlySpan<float> data, int n, int d, int components, int seed, int threads, CancellationToken ct)
    {
        if (d < components)
        {
            throw new ArgumentException(
                $"PCA initialisation needs at least as many input dimensions as Components (D = {d} < {components}); use TsneInit.Random.");
        }

        float[] centred = SquaredDistances.CenteredCopy(data, n, d);
        double[] covariance = Covariance(centred, n, d, threads, ct);
        double[] axes = TopEigenvectors.Compute(covariance, d, components, seed);
        var projected = new double[n * components];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < components; c++)
            {
                double s = 0;
                for (int m = 0; m < d; m++)
                {
                    s += centred[i * d + m] * axes[m * components + c];
                }

                projected[i * components + c] = s;
            }
        }

        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            sumSquares += projected[i * components] * projected[i * components];
        }

        // Projections of centred data have mean 0, so this is the (population) standard deviation.
        double std = Math.Sqrt(sumSquares / n);
        double scale = std > 0 ? TargetStd / std : 1;
        var embedding = new float[n * components];
        for (int e = 0; e < embedding.Length; e++)
        {
            embedding[e] = (float)(projected[e] * scale);
        }

        return embedding;
    }

    /// <summary>X^T X of the centred data as a D x D double matrix (the covariance up to a 1/(N-1) factor).</summary>
    private static double[] Covariance(float[] centred, int n, int d, int threads, CancellationToken ct)
    {
        var transposed = new float[d * n];
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m < d; m++)
            {
                transposed[m * n + i] = centred[i * d + m];
            }
        }

        const int blockRows = 16;
        var covariance = new double[d * d];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
        Parallel.For(0, (d + blockRows - 1) / blockRows, options, block =>
        {
            int r0 = block * blockRows, rows = Math.Min(blockRows, d - r0);
            var buffer = new float[rows * d];
            DotProductTiles.Rows(transposed, d, n, r0, rows, buffer);
            for (int e = 0; e < buffer.Length; e++)
            {
                covariance[r0 * d + e] = buffer[e];
            }
        });
        return covariance;
    }
}
