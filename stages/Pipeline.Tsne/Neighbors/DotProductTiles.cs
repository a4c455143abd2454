using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Tsne.Neighbors;

/// <summary>
/// Dot products of a block of rows against every row of a row-major N x D matrix, with a 4 x 4 register-blocked
/// SIMD kernel (16 accumulators, 8 loads per 16 fused multiply-adds), the shape of a GEMM micro-kernel.
/// </summary>
internal static class DotProductTiles
{
    /// <summary>Writes output[r * n + j] = &lt;a[i0 + r], a[j]&gt; for r &lt; rows and j &lt; n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows(ReadOnlySpan<float> a, int n, int d, int i0, int rows, Span<float> output)
    {
        if (output.Length < rows * n)
        {
            throw new ArgumentException("Output is smaller than rows x n.", nameof(output));
        }

        ref float origin = ref MemoryMarshal.GetReference(a);
        ref float result = ref MemoryMarshal.GetReference(output);
        int fullRows = rows & ~3;
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            ref float b = ref Unsafe.Add(ref origin, (nint)j * d);
            int r = 0;
            for (; r < fullRows; r += 4)
            {
                Kernel4x4(ref Unsafe.Add(ref origin, (nint)(i0 + r) * d), ref b, d, ref Unsafe.Add(ref result, (nint)r * n + j), n);
            }

            for (; r < rows; r++)
            {
                ref float row = ref Unsafe.Add(ref origin, (nint)(i0 + r) * d);
                for (int c = 0; c < 4; c++)
                {
                    Unsafe.Add(ref result, (nint)r * n + j + c) = Dot(ref row, ref Unsafe.Add(ref b, (nint)c * d), d);
                }
            }
        }

        for (; j < n; j++)
        {
            ref float b = ref Unsafe.Add(ref origin, (nint)j * d);
            for (int r = 0; r < rows; r++)
            {
                Unsafe.Add(ref result, (nint)r * n + j) = Dot(ref Unsafe.Add(ref origin, (nint)(i0 + r) * d), ref b, d);
            }
        }
    }

    /// <summary>Dot product of two length-d vectors with the same lane layout as the 4 x 4 kernel.</summary>
    public static float Dot(ref float x, ref float y, int d)
    {
        var acc = Vector256<float>.Zero;
        int k = 0;
        for (; k + Vector256<float>.Count <= d; k += Vector256<float>.Count)
        {
            acc = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref x, (nuint)k), Vector256.LoadUnsafe(ref y, (nuint)k), acc);
        }

        float sum = Vector256.Sum(acc);
        for (; k < d; k++)
        {
            sum += Unsafe.Add(ref x, k) * Unsafe.Add(ref y, k);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x4(ref float a, ref float b, int d, ref float output, int stride)
    {
        ref float a1 = ref Unsafe.Add(ref a, d);
        ref float a2 = ref Unsafe.Add(ref a, 2 * d);
        ref float a3 = ref Unsafe.Add(ref a, 3 * d);
        ref float b1 = ref Unsafe.Add(ref b, d);
        ref float b2 = ref Unsafe.Add(ref b, 2 * d);
        ref float b3 = ref Unsafe.Add(ref b, 3 * d);
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<float> c30 = default, c31 = default, c32 = default, c33 = default;
        int k = 0;
        for (; k + Vector256<float>.Count <= d; k += Vector256<float>.Count)
        {
            var vb0 = Vector256.LoadUnsafe(ref b, (nuint)k);
            var vb1 = Vector256.LoadUnsafe(ref b1, (nuint)k);
            var vb2 = Vector256.LoadUnsafe(ref b2, (nuint)k);
            var vb3 = Vector256.LoadUnsafe(ref b3, (nuint)k);
            var va = Vector256.LoadUnsafe(ref a, (nuint)k);
            c00 = Vector256.MultiplyAddEstimate(va, vb0, c00);
            c01 = Vector256.MultiplyAddEstimate(va, vb1, c01);
            c02 = Vector256.MultiplyAddEstimate(va, vb2, c02);
            c03 = Vector256.MultiplyAddEstimate(va, vb3, c03);
            va = Vector256.LoadUnsafe(ref a1, (nuint)k);
            c10 = Vector256.MultiplyAddEstimate(va, vb0, c10);
            c11 = Vector256.MultiplyAddEstimate(va, vb1, c11);
            c12 = Vector256.MultiplyAddEstimate(va, vb2, c12);
            c13 = Vector256.MultiplyAddEstimate(va, vb3, c13);
            va = Vector256.LoadUnsafe(ref a2, (nuint)k);
            c20 = Vector256.MultiplyAddEstimate(va, vb0, c20);
            c21 = Vector256.MultiplyAddEstimate(va, vb1, c21);
            c22 = Vector256.MultiplyAddEstimate(va, vb2, c22);
            c23 = Vector256.MultiplyAddEstimate(va, vb3, c23);
            va = Vector256.LoadUnsafe(ref a3, (nuint)k);
            c30 = Vector256.MultiplyAddEstimate(va, vb0, c30);
            c31 = Vector256.MultiplyAddEstimate(va, vb1, c31);
            c32 = Vector256.MultiplyAddEstimate(va, vb2, c32);
            c33 = Vector256.MultiplyAddEstimate(va, vb3, c33);
        }

        Store(ref output, k, d, ref a, ref b, ref b1, ref b2, ref b3, c00, c01, c02, c03);
        Store(ref Unsafe.Add(ref output, stride), k, d, ref a1, ref b, ref b1, ref b2, ref b3, c10, c11, c12, c13);
        Store(ref Unsafe.Add(ref output, 2 * stride), k, d, ref a2, ref b, ref b1, ref b2, ref b3, c20, c21, c22, c23);
        Store(ref Unsafe.Add(ref output, 3 * stride), k, d, ref a3, ref b, ref b1, ref b2, ref b3, c30, c31, c32, c33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(
        ref float output, int k, int d, ref float a, ref float b0, ref float b1, ref float b2, ref float b3,
        Vector256<float> c0, Vector256<float> c1, Vector256<float> c2, Vector256<float> c3)
    {
        float s0 = Vector256.Sum(c0), s1 = Vector256.Sum(c1), s2 = Vector256.Sum(c2), s3 = Vector256.Sum(c3);
        for (; k < d; k++)
        {
            float x = Unsafe.Add(ref a, k);
            s0 += x * Unsafe.Add(ref b0, k);
            s1 += x * Unsafe.Add(ref b1, k);
            s2 += x * Unsafe.Add(ref b2, k);
            s3 += x * Unsafe.Add(ref b3, k);
        }

        output = s0;
        Unsafe.Add(ref output, 1) = s1;
        Unsafe.Add(ref output, 2) = s2;
        Unsafe.Add(ref output, 3) = s3;
    }
}
