namespace Pipeline.Tsne.Initialization;

/// <summary>Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations (Golub &amp; Van Loan, section 8.5).</summary>
internal static class JacobiEigen
{
    /// <summary>Eigenvalues in descending order and the matching eigenvectors as the columns of a row-major m x m matrix.</summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] symmetric, int m)
    {
        var a = (double[])symmetric.Clone();
        var v = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            v[i * m + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < m; p++)
            {
                for (int q = p + 1; q < m; q++)
                {
                    off += a[p * m + q] * a[p * m + q];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (int p = 0; p < m; p++)
            {
                for (int q = p + 1; q < m; q++)
                {
                    Rotate(a, v, m, p, q);
                }
            }
        }

        var order = Enumerable.Range(0, m).OrderByDescending(i => a[i * m + i]).ToArray();
        var values = order.Select(i => a[i * m + i]).ToArray();
        var vectors = new double[m * m];
        for (int c = 0; c < m; c++)
        {
            for (int r = 0; r < m; r++)
            {
                vectors[r * m + c] = v[r * m + order[c]];
            }
        }

        return (values, vectors);
    }

    private static void Rotate(double[] a, double[] v, int m, int p, int q)
    {
        double apq = a[p * m + q];
        if (apq == 0)
        {
            return;
        }

        double theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        if (theta == 0)
        {
            t = 1;
        }

        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < m; k++)
        {
            double akp = a[k * m + p], akq = a[k * m + q];
            a[k * m + p] = c * akp - s * akq;
            a[k * m + q] = s * akp + c * akq;
        }

        for (int k = 0; k < m; k++)
        {
            double apk = a[p * m + k], aqk = a[q * m + k];
            a[p * m + k] = c * apk - s * aqk;
            a[q * m + k] = s * apk + c * aqk;
        }

        for (int k = 0; k < m; k++)
        {
            double vkp = v[k * m + p], vkq = v[k * m + q];
            v[k * m + p] = c * vkp - s * vkq;
            v[k * m + q] = s * vkp + c * vkq;
        }
    }
}
