using Pipeline.Tsne.Affinities;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// The attractive half of the t-SNE gradient for one point over its sparse row of P:
/// A_i = sum_j p_ij / (1 + d_ij^2/a) (y_i - y_j) (van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms", eq. 2).
/// </summary>
internal static class AttractiveForces
{
    /// <summary>Writes A_i into force[c] (not yet multiplied by the exaggeration).</summary>
    public static void Row(SparseAffinities p, SoaEmbedding y, double degreesOfFreedom, int i, Span<float> force)
    {
        float inverseDof = (float)(1 / degreesOfFreedom);
        int from = p.RowStart[i], to = p.RowStart[i + 1];
        int[] columns = p.Columns;
        float[] values = p.Values;
        if (y.Dims == 3)
        {
            float[] xs = y.Coordinates[0], ys = y.Coordinates[1], zs = y.Coordinates[2];
            float xi = xs[i], yi = ys[i], zi = zs[i], ax = 0, ay = 0, az = 0;
            for (int e = from; e < to; e++)
            {
                int j = columns[e];
                float dx = xi - xs[j], dy = yi - ys[j], dz = zi - zs[j];
                float s = values[e] / (1f + (dx * dx + dy * dy + dz * dz) * inverseDof);
                ax += s * dx;
                ay += s * dy;
                az += s * dz;
            }

            force[0] = ax;
            force[1] = ay;
            force[2] = az;
            return;
        }

        if (y.Dims == 2)
        {
            float[] xs = y.Coordinates[0], ys = y.Coordinates[1];
            float xi = xs[i], yi = ys[i], ax = 0, ay = 0;
            for (int e = from; e < to; e++)
            {
                int j = columns[e];
                float dx = xi - xs[j], dy = yi - ys[j];
                float s = values[e] / (1f + (dx * dx + dy * dy) * inverseDof);
                ax += s * dx;
                ay += s * dy;
            }

            force[0] = ax;
            force[1] = ay;
            return;
        }

        RowAny(columns, values, from, to, y, inverseDof, i, force);
    }

    private static void RowAny(int[] columns, float[] values, int from, int to, SoaEmbedding y, float inverseDof, int i, Span<float> force)
    {
        int dims = y.Dims;
        Span<float> diff = stackalloc float[dims];
        force.Slice(0, dims).Clear();
        for (int e = from; e < to; e++)
        {
            int j = columns[e];
            float d2 = 0;
            for (int c = 0; c < dims; c++)
            {
                diff[c] = y.Coordinates[c][i] - y.Coordinates[c][j];
                d2 += diff[c] * diff[c];
            }

            float s = values[e] / (1f + d2 * inverseDof);
            for (int c = 0; c < dims; c++)
            {
                force[c] += s * diff[c];
            }
        }
    }
}
