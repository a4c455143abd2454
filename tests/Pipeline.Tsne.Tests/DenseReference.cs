namespace Pipeline.Tsne.Tests;

/// <summary>
/// Loop-based double-precision t-SNE formulas straight from the papers, with dense N x N matrices
/// (van der Maaten &amp; Hinton 2008, eqs. 2, 4, 5; Kobak et al. 2019 for a degrees of freedom).
/// </summary>
internal static class DenseReference
{
    /// <summary>w_ij = (1 + |y_i - y_j|^2 / a)^-(a+1)/2 and u_ij = 1 + |y_i - y_j|^2 / a.</summary>
    public static (double W, double U) Kernel(double[] y, int dims, int i, int j, double a)
    {
        double d2 = 0;
        for (int c = 0; c < dims; c++)
        {
            double diff = y[i * dims + c] - y[j * dims + c];
            d2 += diff * diff;
        }

        double u = 1 + d2 / a;
        return (Math.Pow(u, -(a + 1) / 2), u);
    }

    /// <summary>Z = sum_{i != j} w_ij.</summary>
    public static double Normalization(double[] y, int n, int dims, double a)
    {
        double z = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j)
                {
                    z += Kernel(y, dims, i, j, a).W;
                }
            }
        }

        return z;
    }

    /// <summary>dC/dy_i = 2(a+1)/a sum_j (e p_ij - q_ij) u_ij^-1 (y_i - y_j), row-major n x dims.</summary>
    public static double[] Gradient(double[,] p, double[] y, int n, int dims, double a, double exaggeration)
    {
        double z = Normalization(y, n, dims, a);
        var g = new double[n * dims];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var (w, u) = Kernel(y, dims, i, j, a);
                double s = 2 * (a + 1) / a * (exaggeration * p[i, j] - w / z) / u;
                for (int c = 0; c < dims; c++)
                {
                    g[i * dims + c] += s * (y[i * dims + c] - y[j * dims + c]);
                }
            }
        }

        return g;
    }

    /// <summary>KL(P||Q) = sum_{p_ij &gt; 0} p_ij log(p_ij / q_ij).</summary>
    public static double Kl(double[,] p, double[] y, int n, int dims, double a)
    {
        double z = Normalization(y, n, dims, a), kl = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j && p[i, j] > 0)
                {
                    kl += p[i, j] * Math.Log(p[i, j] / (Kernel(y, dims, i, j, a).W / z));
                }
            }
        }

        return kl;
    }

    /// <summary>A random symmetric P with about a third of the off-diagonal pairs zero, summing to 1.</summary>
    public static double[,] RandomAffinities(int n, int seed)
    {
        var random = new Random(seed);
        var p = new double[n, n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double v = random.NextDouble() < 0.33 ? 0 : random.NextDouble();
                p[i, j] = p[j, i] = v;
                sum += 2 * v;
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                p[i, j] /= sum;
            }
        }

        return p;
    }
}
