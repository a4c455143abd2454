using System.Runtime.CompilerServices;
namespace Pipeline.Tsne.Neighbors;

/// <summary>
/// Sqrt-free squared Euclidean distances |x_i|^2 + |x_j|^2 - 2 x_i.x_j on centred data (centring shrinks the
/// norms and so the cancellation error), computed a block of rows at a time so N x N is never held.
/// The result is exactly symmetric and exactly 0 on the diagonal.
/// </summary>
internal static class SquaredDistances
{
    /// <summary>A copy of the row-major N x D data with the column means (computed in double) subtracted.</summary>
    public static float[] CenteredCopy(ReadOnlySpan<float> x, int n, int d)
    {
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            for (int c = 0; c < d; c++)
            {
                mean[c] += row[c];
            }
        }

        var centred = new float[n * d];
        for (int c = 0; c < d; c++)
        {
            mean[c] /= n;
        }

        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                centred[i * d + c] = (float)(x[i * d + c] - mean[c]);
            }
        }

        return centred;
    }

    /// <summary>Squared norm of every row, with the same arithmetic as the dot-product tiles.</summary>
    public static float[] RowNorms(float[] x, int n, int d)
    {
        var norms = new float[n];
        for (int i = 0; i < n; i++)
        {
            norms[i] = DotProductTiles.Dot(ref x[i * d], ref x[i * d], d);
        }

        return norms;
    }

    /// <summary>Writes output[r * n + j] = |x[i0 + r] - x[j]|^2 (clamped at 0) for r &lt; rows and j &lt; n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows(float[] x, float[] norms, int n, int d, int i0, int rows, Span<float> output)
    {
        DotProductTiles.Rows(x, n, d, i0, rows, output);
        for (int r = 0; r < rows; r++)
        {
            var row = output.Slice(r * n, n);
            float ni = norms[i0 + r];
            for (int j = 0; j < n; j++)
            {
                row[j] = MathF.Max(ni + norms[j] - 2f * row[j], 0f);
            }
        }
    }
}
