using System.Runtime.CompilerServices;
namespace Pipeline.Tsne.Initialization;

/// <summary>
/// Leading eigenvectors of a symmetric positive semi-definite D x D matrix by block subspace (power) iteration
/// with a few extra columns, finished by a Rayleigh-Ritz step (Golub &amp; Van Loan, section 8.2.4).
/// </summary>
internal static class TopEigenvectors
{
    private const int ExtraColumns = 5;
    private const int MaxIterations = 300;

    /// <summary>The top k eigenvectors as columns of a row-major D x k matrix, each with its largest entry positive.</summary>
    public static double[] Compute(double[] matrix, int d, int k, int seed)
    {
        int b = Math.Min(d, k + ExtraColumns);
        var random = new Random(seed);
        var v = new double[d * b];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = random.NextDouble() - 0.5;
        }

        Orthonormalize(v, d, b);
        var w = new double[d * b];
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            Multiply(matrix, v, w, d, b);
            Orthonormalize(w, d, b);
            double worst = 0;
            for (int c = 0; c < k; c++)
            {
                double dot = 0;
                for (int r = 0; r < d; r++)
                {
                    dot += v[r * b + c] * w[r * b + c];
                }

                worst = Math.Max(worst, 1 - Math.Abs(dot));
            }

            (v, w) = (w, v);
            if (worst < 1e-12)
            {
                break;
            }
        }

        // Rayleigh-Ritz: rotate the block onto the eigenvectors of V^T A V.
        Multiply(matrix, v, w, d, b);
        var small = new double[b * b];
        for (int p = 0; p < b; p++)
        {
            for (int q = 0; q < b; q++)
            {
                double s = 0;
                for (int r = 0; r < d; r++)
                {
                    s += v[r * b + p] * w[r * b + q];
                }

                small[p * b + q] = s;
            }
        }

        for (int p = 0; p < b; p++)
        {
            for (int q = p + 1; q < b; q++)
            {
                small[p * b + q] = small[q * b + p] = (small[p * b + q] + small[q * b + p]) / 2;
            }
        }

        var (_, rotation) = JacobiEigen.Decompose(small, b);
        var result = new double[d * k];
        for (int c = 0; c < k; c++)
        {
            int largest = 0;
            for (int r = 0; r < d; r++)
            {
                double s = 0;
                for (int q = 0; q < b; q++)
                {
                    s += v[r * b + q] * rotation[q * b + c];
                }

                result[r * k + c] = s;
                if (Math.Abs(s) > Math.Abs(result[largest * k + c]))
                {
                    largest = r;
                }
            }

            if (result[largest * k + c] < 0)
            {
                for (int r = 0; r < d; r++)
                {
                    result[r * k + c] = -result[r * k + c];
                }
            }
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(double[] a, double[] v, double[] result, int d, int b)
    {
        Array.Clear(result);
        for (int r = 0; r < d; r++)
        {
            for (int m = 0; m < d; m++)
            {
                double arm = a[r * d + m];
                for (int c = 0; c < b; c++)
                {
                    result[r * b + c] += arm * v[m * b + c];
                }
            }
        }
    }

    /// <summary>Modified Gram-Schmidt on the b columns of a row-major d x b matrix.</summary>
    private static void Orthonormalize(double[] v, int d, int b)
    {
        for (int c = 0; c < b; c++)
        {
            for (int p = 0; p < c; p++)
            {
                double dot = 0;
                for (int r = 0; r < d; r++)
                {
                    dot += v[r * b + p] * v[r * b + c];
                }

                for (int r = 0; r < d; r++)
                {
                    v[r * b + c] -= dot * v[r * b + p];
                }
            }

            double norm = 0;
            for (int r = 0; r < d; r++)
            {
                norm += v[r * b + c] * v[r * b + c];
            }

            norm = Math.Sqrt(norm);
            for (int r = 0; r < d; r++)
            {
                v[r * b + c] = norm > 0 ? v[r * b + c] / norm : 0;
            }
        }
    }
}
