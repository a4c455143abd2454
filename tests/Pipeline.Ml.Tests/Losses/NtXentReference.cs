namespace Pipeline.Ml.Tests.Losses;

/// <summary>
/// NT-Xent written out as in the SimCLR paper (Chen et al. 2020, eq. 1), with loops and doubles:
/// ℓ(i, j) = -log( exp(sim(z_i, z_j)/τ) / Σ_{k≠i} exp(sim(z_i, z_k)/τ) ), averaged over all 2N anchors.
/// </summary>
internal static class NtXentReference
{
    public static double Loss(double[,] view0, double[,] view1, double temperature)
    {
        var n = view0.GetLength(0);
        var d = view0.GetLength(1);
        var z = new double[2 * n][];
        for (var i = 0; i < n; i++)
        {
            z[i] = Normalised(view0, i, d);
            z[n + i] = Normalised(view1, i, d);
        }

        var total = 0.0;
        for (var i = 0; i < 2 * n; i++)
        {
            var positive = i < n ? i + n : i - n;
            var denominator = 0.0;
            for (var k = 0; k < 2 * n; k++)
            {
                if (k != i)
                {
                    denominator += Math.Exp(Dot(z[i], z[k]) / temperature);
                }
            }
            total += -(Dot(z[i], z[positive]) / temperature) + Math.Log(denominator);
        }
        return total / (2 * n);
    }

    private static double[] Normalised(double[,] rows, int row, int d)
    {
        var v = new double[d];
        var norm = 0.0;
        for (var c = 0; c < d; c++)
        {
            v[c] = rows[row, c];
            norm += v[c] * v[c];
        }
        norm = Math.Sqrt(norm);
        for (var c = 0; c < d; c++)
        {
            v[c] /= norm;
        }
        return v;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var c = 0; c < a.Length; c++)
        {
            sum += a[c] * b[c];
        }
        return sum;
    }
}
