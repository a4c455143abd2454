using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Pipeline.Tsne.Affinities;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// The attractive half of the t-SNE gradient for one point over its sparse row of P:
/// A_i = sum_j p_ij / (1 + d_ij^2/a) (y_i - y_j) (van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms", eq. 2).
/// In 3-D, eight entries at a time with AVX2 gathers where the CPU has them.
/// </summary>
internal static class AttractiveForces
{
    /// <summary>Writes A_i into force[c] (not yet multiplied by the exaggeration).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            int e = from;
            if (Avx2.IsSupported && to - from >= Vector256<int>.Count)
            {
                (ax, ay, az, e) = Gathered3(columns, values, from, to, xs, ys, zs, xi, yi, zi, inverseDof);
            }

            for (; e < to; e++)
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

    // Eight entries at a time: the neighbours' coordinates fetched with AVX2 gathers; returns the partial sums and
    // the first entry left for the scalar loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe (float X, float Y, float Z, int Next) Gathered3(
        int[] columns, float[] values, int from, int to, float[] xs, float[] ys, float[] zs, float xi, float yi, float zi, float inverseDof)
    {
        var sx = Vector256<float>.Zero;
        var sy = Vector256<float>.Zero;
        var sz = Vector256<float>.Zero;
        var vxi = Vector256.Create(xi);
        var vyi = Vector256.Create(yi);
        var vzi = Vector256.Create(zi);
        var dof = Vector256.Create(inverseDof);
        int e = from;
        fixed (float* px = xs, py = ys, pz = zs)
        {
            ref int column = ref MemoryMarshal.GetArrayDataReference(columns);
            ref float value = ref MemoryMarshal.GetArrayDataReference(values);
            for (; e + Vector256<int>.Count <= to; e += Vector256<int>.Count)
            {
                var j = Vector256.LoadUnsafe(ref column, (nuint)e);
                var dx = vxi - Avx2.GatherVector256(px, j, 4);
                var dy = vyi - Avx2.GatherVector256(py, j, 4);
                var dz = vzi - Avx2.GatherVector256(pz, j, 4);
                var d2 = Vector256.MultiplyAddEstimate(dz, dz, Vector256.MultiplyAddEstimate(dy, dy, dx * dx));
                var q = Vector256.LoadUnsafe(ref value, (nuint)e) / Vector256.MultiplyAddEstimate(d2, dof, Vector256<float>.One);
                sx = Vector256.MultiplyAddEstimate(q, dx, sx);
                sy = Vector256.MultiplyAddEstimate(q, dy, sy);
                sz = Vector256.MultiplyAddEstimate(q, dz, sz);
            }
        }

        return (Vector256.Sum(sx), Vector256.Sum(sy), Vector256.Sum(sz), e);
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
