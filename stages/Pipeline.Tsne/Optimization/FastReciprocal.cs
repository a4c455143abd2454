using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// 1/u for u &gt;= 1 from the hardware estimate (14-bit VRCP14PS on AVX-512 (256- and 512-bit forms), 12-bit VRCPPS on AVX) refined by one
/// Newton-Raphson step r(2 - ur), which is cheaper than a vector division in the hot loop; plain division elsewhere.
/// </summary>
internal static class FastReciprocal
{
    /// <summary>Approximately 1/u, relative error below about 1e-7 (AVX-512) or 1e-6 (AVX).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Of(Vector256<float> u)
    {
        Vector256<float> r;
        if (Avx512F.VL.IsSupported)
        {
            r = Avx512F.VL.Reciprocal14(u);
        }
        else if (Avx.IsSupported)
        {
            r = Avx.Reciprocal(u);
        }
        else
        {
            return Vector256<float>.One / u;
        }

        return r * Vector256.MultiplyAddEstimate(-u, r, Vector256.Create(2f));
    }

    /// <summary>
    /// 1/u to about 14 bits (relative error below 2^-14): VRCP14PS alone on AVX-512, refined VRCPPS on AVX. The
    /// Cauchy kernel's hot loop uses it: the refinement is a fifth of that loop's floating-point work, and the
    /// t-SNE gradient needs no more than 14 bits (Barnes-Hut and FFT approximations err by far more).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Estimate(Vector256<float> u) => Avx512F.VL.IsSupported ? Avx512F.VL.Reciprocal14(u) : Of(u);

    /// <summary>512-bit form of <see cref="Estimate(Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Estimate(Vector512<float> u) => Avx512F.IsSupported ? Avx512F.Reciprocal14(u) : Vector512<float>.One / u;

    /// <summary>512-bit form of <see cref="Of(Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of(Vector512<float> u)
    {
        if (!Avx512F.IsSupported)
        {
            return Vector512<float>.One / u;
        }

        var r = Avx512F.Reciprocal14(u);
        return r * Vector512.MultiplyAddEstimate(-u, r, Vector512.Create(2f));
    }
}
