using System.Runtime.CompilerServices;
using Pipeline.Tsne.Neighbors;

namespace Pipeline.Tsne.Affinities;

/// <summary>
/// Conditional input affinities p(j|i) = exp(-beta_i d_ij^2) / sum_k exp(-beta_i d_ik^2) over the k nearest
/// neighbours, with each beta_i = 1 / (2 sigma_i^2) found by bisection so that the entropy of p(.|i) equals
/// log(perplexity) (van der Maaten &amp; Hinton 2008, section 2).
/// </summary>
internal static class PerplexityCalibration
{
    private const double EntropyTolerance = 1e-6;
    private const int MaxSteps = 200;

    /// <summary>Row-major N x K conditional probabilities aligned with <paramref name="neighbors"/>; each row sums to 1.</summary>
    public static double[] Conditional(NearestNeighbors neighbors, double perplexity, int threads, CancellationToken ct)
    {
        int n = neighbors.N, k = neighbors.K;
        var p = new double[n * k];
        double target = Math.Log(perplexity);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
        Parallel.For(0, n, options, i =>
            Calibrate(neighbors.SquaredDistances.AsSpan(i * k, k), target, p.AsSpan(i * k, k)));
        return p;
    }

    /// <summary>Fills <paramref name="p"/> with the calibrated row for the squared distances; returns beta.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Calibrate(ReadOnlySpan<float> squaredDistances, double targetEntropy, Span<double> p)
    {
        int k = squaredDistances.Length;
        float min = float.PositiveInfinity;
        foreach (float v in squaredDistances)
        {
            min = MathF.Min(min, v);
        }

        // Shifting by the smallest distance leaves p unchanged and keeps exp() in range.
        Span<double> shifted = k <= 512 ? stackalloc double[k] : new double[k];
        for (int j = 0; j < k; j++)
        {
            shifted[j] = squaredDistances[j] - (double)min;
        }

        double beta = 1, lo = 0, hi = double.PositiveInfinity;
        for (int step = 0; step < MaxSteps; step++)
        {
            double entropy = Evaluate(shifted, beta, p);
            double error = entropy - targetEntropy;
            if (Math.Abs(error) < EntropyTolerance)
            {
                break;
            }

            if (error > 0)
            {
                // Too flat: sharpen.
                lo = beta;
                beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2;
            }
            else
            {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }

        Evaluate(shifted, beta, p);
        return beta;
    }

    /// <summary>Writes the normalised row for beta and returns its entropy in nats.</summary>
    private static double Evaluate(ReadOnlySpan<double> shifted, double beta, Span<double> p)
    {
        double sum = 0, weighted = 0;
        for (int j = 0; j < shifted.Length; j++)
        {
            double e = Math.Exp(-beta * shifted[j]);
            p[j] = e;
            sum += e;
            weighted += e * shifted[j];
        }

        for (int j = 0; j < shifted.Length; j++)
        {
            p[j] /= sum;
        }

        // H = log(sum) + beta * E[d] for p_j = exp(-beta d_j) / sum.
        return Math.Log(sum) + beta * weighted / sum;
    }
}
