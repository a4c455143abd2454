using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Ml.Augment;

/// <summary>
/// One plane's separable Gaussian blur: the row pass, then the column pass, each with torch's reflect padding
/// (the edge pixel is not repeated), vectorised over columns.
/// </summary>
internal static class CpuBlurKernel
{
    // Torch's reflect padding: index -1 is 1, index n is n - 2.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Reflect(int index, int n) => index < 0 ? -index : index >= n ? (2 * n) - 2 - index : index;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> kernel, int h, int w)
    {
        int taps = kernel.Length, pad = taps / 2;
        for (int y = 0; y < h; y++)
        {
            var row = input.Slice(y * w, w);
            var target = output.Slice(y * w, w);
            int x = 0;
            for (; x < Math.Min(pad, w); x++)
            {
                target[x] = EdgeTap(row, kernel, x, w);
            }

            ref float source = ref MemoryMarshal.GetReference(row);
            for (; x + Vector256<float>.Count <= w - pad; x += Vector256<float>.Count)
            {
                var sum = Vector256<float>.Zero;
                for (int t = 0; t < taps; t++)
                {
                    sum += Vector256.Create(kernel[t]) * Vector256.LoadUnsafe(ref source, (nuint)(x - pad + t));
                }

                sum.StoreUnsafe(ref MemoryMarshal.GetReference(target), (nuint)x);
            }

            for (; x < w; x++)
            {
                target[x] = x - pad >= 0 && x + pad < w ? InteriorTap(row, kernel, x) : EdgeTap(row, kernel, x, w);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Columns(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> kernel, int h, int w)
    {
        int taps = kernel.Length, pad = taps / 2;
        ref float source = ref MemoryMarshal.GetReference(input);
        ref float target = ref MemoryMarshal.GetReference(output);
        Span<int> rows = stackalloc int[taps];
        for (int y = 0; y < h; y++)
        {
            for (int t = 0; t < taps; t++)
            {
                rows[t] = Reflect(y - pad + t, h) * w;
            }

            int x = 0;
            for (; x + Vector256<float>.Count <= w; x += Vector256<float>.Count)
            {
                var sum = Vector256<float>.Zero;
                for (int t = 0; t < taps; t++)
                {
                    sum += Vector256.Create(kernel[t]) * Vector256.LoadUnsafe(ref source, (nuint)(rows[t] + x));
                }

                sum.StoreUnsafe(ref target, (nuint)((y * w) + x));
            }

            for (; x < w; x++)
            {
                float sum = 0;
                for (int t = 0; t < taps; t++)
                {
                    sum += kernel[t] * Unsafe.Add(ref source, rows[t] + x);
                }

                Unsafe.Add(ref target, (y * w) + x) = sum;
            }
        }
    }

    private static float InteriorTap(ReadOnlySpan<float> row, ReadOnlySpan<float> kernel, int x)
    {
        int pad = kernel.Length / 2;
        float sum = 0;
        for (int t = 0; t < kernel.Length; t++)
        {
            sum += kernel[t] * row[x - pad + t];
        }

        return sum;
    }

    private static float EdgeTap(ReadOnlySpan<float> row, ReadOnlySpan<float> kernel, int x, int w)
    {
        int pad = kernel.Length / 2;
        float sum = 0;
        for (int t = 0; t < kernel.Length; t++)
        {
            sum += kernel[t] * row[Reflect(x - pad + t, w)];
        }

        return sum;
    }
}
