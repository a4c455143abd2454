using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// Exact repulsion for one point in one fused pass over all others, never materialising N x N: the row sum
/// Z_i = sum_{j != i} w_ij and the unnormalised force F_i = sum_j w_ij / (1 + d_ij^2/a) (y_i - y_j), with w computed
/// on the fly 16 (AVX-512) or 8 points at a time from the structure-of-arrays embedding (van der Maaten &amp; Hinton 2008, eq. 5;
/// the repulsive half of the gradient is F_i / Z with Z = sum_i Z_i).
/// </summary>
internal static class RepulsiveForces
{
    /// <summary>Computes Z_i and writes F_i into force[c]; returns Z_i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Row<TKernel>(TKernel kernel, SoaEmbedding y, int i, Span<float> force)
        where TKernel : struct, IStudentTKernel
    {
        float selfWeight = kernel.Evaluate(Vector256<float>.Zero, out _).ToScalar();
        return y.Dims switch
        {
            2 when Vector512.IsHardwareAccelerated => Row2Wide(kernel, y, i, force) - selfWeight,
            3 when Vector512.IsHardwareAccelerated => Row3Wide(kernel, y, i, force) - selfWeight,
            2 => Row2(kernel, y, i, force) - selfWeight,
            3 => Row3(kernel, y, i, force) - selfWeight,
            _ => RowAny(kernel, y, i, force),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Row2<TKernel>(TKernel kernel, SoaEmbedding y, int i, Span<float> force)
        where TKernel : struct, IStudentTKernel
    {
        float[] xs = y.Coordinates[0], ys = y.Coordinates[1];
        ref float rx = ref MemoryMarshal.GetArrayDataReference(xs);
        ref float ry = ref MemoryMarshal.GetArrayDataReference(ys);
        var xi = Vector256.Create(xs[i]);
        var yi = Vector256.Create(ys[i]);
        Vector256<float> z = default, fx = default, fy = default;
        nuint end = (nuint)y.PaddedN;
        for (nuint j = 0; j < end; j += (nuint)Vector256<float>.Count)
        {
            var dx = xi - Vector256.LoadUnsafe(ref rx, j);
            var dy = yi - Vector256.LoadUnsafe(ref ry, j);
            var d2 = Vector256.MultiplyAddEstimate(dy, dy, dx * dx);
            z += kernel.Evaluate(d2, out var f);
            fx = Vector256.MultiplyAddEstimate(f, dx, fx);
            fy = Vector256.MultiplyAddEstimate(f, dy, fy);
        }

        force[0] = Vector256.Sum(fx);
        force[1] = Vector256.Sum(fy);
        return Vector256.Sum(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Row3<TKernel>(TKernel kernel, SoaEmbedding y, int i, Span<float> force)
        where TKernel : struct, IStudentTKernel
    {
        float[] xs = y.Coordinates[0], ys = y.Coordinates[1], zs = y.Coordinates[2];
        ref float rx = ref MemoryMarshal.GetArrayDataReference(xs);
        ref float ry = ref MemoryMarshal.GetArrayDataReference(ys);
        ref float rz = ref MemoryMarshal.GetArrayDataReference(zs);
        var xi = Vector256.Create(xs[i]);
        var yi = Vector256.Create(ys[i]);
        var zi = Vector256.Create(zs[i]);
        Vector256<float> z = default, fx = default, fy = default, fz = default;
        nuint end = (nuint)y.PaddedN;
        for (nuint j = 0; j < end; j += (nuint)Vector256<float>.Count)
        {
            var dx = xi - Vector256.LoadUnsafe(ref rx, j);
            var dy = yi - Vector256.LoadUnsafe(ref ry, j);
            var dz = zi - Vector256.LoadUnsafe(ref rz, j);
            var d2 = Vector256.MultiplyAddEstimate(dz, dz, Vector256.MultiplyAddEstimate(dy, dy, dx * dx));
            z += kernel.Evaluate(d2, out var f);
            fx = Vector256.MultiplyAddEstimate(f, dx, fx);
            fy = Vector256.MultiplyAddEstimate(f, dy, fy);
            fz = Vector256.MultiplyAddEstimate(f, dz, fz);
        }

        force[0] = Vector256.Sum(fx);
        force[1] = Vector256.Sum(fy);
        force[2] = Vector256.Sum(fz);
        return Vector256.Sum(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Row2Wide<TKernel>(TKernel kernel, SoaEmbedding y, int i, Span<float> force)
        where TKernel : struct, IStudentTKernel
    {
        float[] xs = y.Coordinates[0], ys = y.Coordinates[1];
        ref float rx = ref MemoryMarshal.GetArrayDataReference(xs);
        ref float ry = ref MemoryMarshal.GetArrayDataReference(ys);
        var xi = Vector512.Create(xs[i]);
        var yi = Vector512.Create(ys[i]);
        Vector512<float> z = default, fx = default, fy = default;
        nuint end = (nuint)y.PaddedN;
        for (nuint j = 0; j < end; j += (nuint)Vector512<float>.Count)
        {
            var dx = xi - Vector512.LoadUnsafe(ref rx, j);
            var dy = yi - Vector512.LoadUnsafe(ref ry, j);
            var d2 = Vector512.MultiplyAddEstimate(dy, dy, dx * dx);
            z += kernel.Evaluate(d2, out var f);
            fx = Vector512.MultiplyAddEstimate(f, dx, fx);
            fy = Vector512.MultiplyAddEstimate(f, dy, fy);
        }

        force[0] = Vector512.Sum(fx);
        force[1] = Vector512.Sum(fy);
        return Vector512.Sum(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Row3Wide<TKernel>(TKernel kernel, SoaEmbedding y, int i, Span<float> force)
        where TKernel : struct, IStudentTKernel
    {
        float[] xs = y.Coordinates[0], ys = y.Coordinates[1], zs = y.Coordinates[2];
        ref float rx = ref MemoryMarshal.GetArrayDataReference(xs);
        ref float ry = ref MemoryMarshal.GetArrayDataReference(ys);
        ref float rz = ref MemoryMarshal.GetArrayDataReference(zs);
        var xi = Vector512.Create(xs[i]);
        var yi = Vector512.Create(ys[i]);
        var zi = Vector512.Create(zs[i]);
        Vector512<float> z = default, fx = default, fy = default, fz = default;
        nuint end = (nuint)y.PaddedN;
        for (nuint j = 0; j < end; j += (nuint)Vector512<float>.Count)
        {
            var dx = xi - Vector512.LoadUnsafe(ref rx, j);
            var dy = yi - Vector512.LoadUnsafe(ref ry, j);
            var dz = zi - Vector512.LoadUnsafe(ref rz, j);
            var d2 = Vector512.MultiplyAddEstimate(dz, dz, Vector512.MultiplyAddEstimate(dy, dy, dx * dx));
            z += kernel.Evaluate(d2, out var f);
            fx = Vector512.MultiplyAddEstimate(f, dx, fx);
            fy = Vector512.MultiplyAddEstimate(f, dy, fy);
            fz = Vector512.MultiplyAddEstimate(f, dz, fz);
        }

        force[0] = Vector512.Sum(fx);
        force[1] = Vector512.Sum(fy);
        force[2] = Vector512.Sum(fz);
        return Vector512.Sum(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float RowAny<TKernel>(TKernel kernel, SoaEmbedding y, int i, Span<float> force)
        where TKernel : struct, IStudentTKernel
    {
        int dims = y.Dims;
        force.Slice(0, dims).Clear();
        Span<float> diff = stackalloc float[dims];
        float z = 0;
        for (int j = 0; j < y.N; j++)
        {
            if (j == i)
            {
                continue;
            }

            float d2 = 0;
            for (int c = 0; c < dims; c++)
            {
                diff[c] = y.Coordinates[c][i] - y.Coordinates[c][j];
                d2 += diff[c] * diff[c];
            }

            z += kernel.Evaluate(d2, out float f);
            for (int c = 0; c < dims; c++)
            {
                force[c] += f * diff[c];
            }
        }

        return z;
    }
}
