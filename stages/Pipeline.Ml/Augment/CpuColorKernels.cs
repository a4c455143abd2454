using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Ml.Augment;

/// <summary>
/// The colour steps of one image in its own memory, in place (<see cref="CpuAugmentKernels.ApplyColor"/>): torchvision's
/// brightness, contrast, saturation and hue adjustments, grayscale (ITU-R 601 luma) and the blur, vectorised over pixels.
/// </summary>
internal static class CpuColorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Span<float> image, int channels, int h, int w, ColorPlan plan, float[] scratch)
    {
        int plane = h * w;
        foreach (int step in plan.JitterSteps)
        {
            switch (step)
            {
                case ColorPlan.BrightnessStep:
                    ScaleShiftClamp(image, plan.Brightness, 0f);
                    break;
                case ColorPlan.ContrastStep:
                    float mean = MeanLuma(image, channels, plane);
                    ScaleShiftClamp(image, plan.Contrast, (1f - plan.Contrast) * mean);
                    break;
                case ColorPlan.SaturationStep:
                    Saturate(image, plane, plan.Saturation);
                    break;
                default:
                    ShiftHue(image, image, plane, plan.Hue);
                    break;
            }
        }

        if (plan.Grayscale && channels == 3)
        {
            Grayscale(image, plane);
        }

        if (plan.BlurKernel is { } kernel)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                var planeSpan = image.Slice(channel * plane, plane);
                CpuBlurKernel.Rows(planeSpan, scratch, kernel, h, w);
                CpuBlurKernel.Columns(scratch, planeSpan, kernel, h, w);
            }
        }
    }

    // x = clamp(a x + b, 0, 1).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleShiftClamp(Span<float> values, float a, float b)
    {
        ref float x = ref MemoryMarshal.GetReference(values);
        int i = 0;
        var va = Vector256.Create(a);
        var vb = Vector256.Create(b);
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            var v = (Vector256.LoadUnsafe(ref x, (nuint)i) * va) + vb;
            Vector256.Min(Vector256.Max(v, Vector256<float>.Zero), Vector256<float>.One).StoreUnsafe(ref x, (nuint)i);
        }

        for (; i < values.Length; i++)
        {
            Unsafe.Add(ref x, i) = Math.Clamp((Unsafe.Add(ref x, i) * a) + b, 0f, 1f);
        }
    }

    // Mean luma of the image (the mean of the one channel of a grey image), as Luma.Mean: channel means, then weighted.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float MeanLuma(ReadOnlySpan<float> image, int channels, int plane)
    {
        if (channels == 1)
        {
            return (float)(Sum(image) / plane);
        }

        var weights = Luma.Weights;
        double mean = 0;
        for (int channel = 0; channel < 3; channel++)
        {
            mean += weights[channel] * (float)(Sum(image.Slice(channel * plane, plane)) / plane);
        }

        return (float)mean;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Sum(ReadOnlySpan<float> values)
    {
        ref float x = ref MemoryMarshal.GetReference(values);
        var partial = Vector256<double>.Zero;
        int i = 0;
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)i));
            partial += low + high;
        }

        double sum = Vector256.Sum(partial);
        for (; i < values.Length; i++)
        {
            sum += Unsafe.Add(ref x, i);
        }

        return sum;
    }

    // x = clamp(s x + (1 - s) luma, 0, 1) per pixel and channel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Saturate(Span<float> image, int plane, float s)
    {
        ref float r = ref MemoryMarshal.GetReference(image);
        ref float g = ref Unsafe.Add(ref r, plane);
        ref float b = ref Unsafe.Add(ref r, 2 * plane);
        float wr = Luma.Weights[0], wg = Luma.Weights[1], wb = Luma.Weights[2], keep = 1f - s;
        int i = 0;
        for (; i + Vector256<float>.Count <= plane; i += Vector256<float>.Count)
        {
            var vr = Vector256.LoadUnsafe(ref r, (nuint)i);
            var vg = Vector256.LoadUnsafe(ref g, (nuint)i);
            var vb = Vector256.LoadUnsafe(ref b, (nuint)i);
            var grey = ((vr * wr) + (vg * wg) + (vb * wb)) * keep;
            Clamp01((vr * s) + grey).StoreUnsafe(ref r, (nuint)i);
            Clamp01((vg * s) + grey).StoreUnsafe(ref g, (nuint)i);
            Clamp01((vb * s) + grey).StoreUnsafe(ref b, (nuint)i);
        }

        for (; i < plane; i++)
        {
            float vr = Unsafe.Add(ref r, i), vg = Unsafe.Add(ref g, i), vb = Unsafe.Add(ref b, i);
            float grey = ((vr * wr) + (vg * wg) + (vb * wb)) * keep;
            Unsafe.Add(ref r, i) = Math.Clamp((vr * s) + grey, 0f, 1f);
            Unsafe.Add(ref g, i) = Math.Clamp((vg * s) + grey, 0f, 1f);
            Unsafe.Add(ref b, i) = Math.Clamp((vb * s) + grey, 0f, 1f);
        }
    }

    // Every channel becomes the luma.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Grayscale(Span<float> image, int plane)
    {
        ref float r = ref MemoryMarshal.GetReference(image);
        ref float g = ref Unsafe.Add(ref r, plane);
        ref float b = ref Unsafe.Add(ref r, 2 * plane);
        float wr = Luma.Weights[0], wg = Luma.Weights[1], wb = Luma.Weights[2];
        for (int i = 0; i < plane; i++)
        {
            float luma = (Unsafe.Add(ref r, i) * wr) + (Unsafe.Add(ref g, i) * wg) + (Unsafe.Add(ref b, i) * wb);
            Unsafe.Add(ref r, i) = luma;
            Unsafe.Add(ref g, i) = luma;
            Unsafe.Add(ref b, i) = luma;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Clamp01(Vector256<float> v) => Vector256.Min(Vector256.Max(v, Vector256<float>.Zero), Vector256<float>.One);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ShiftHue(Span<float> input, Span<float> output, int plane, float shift)
    {
        ref float r = ref MemoryMarshal.GetReference(input);
        ref float g = ref Unsafe.Add(ref r, plane);
        ref float b = ref Unsafe.Add(ref r, 2 * plane);
        ref float outR = ref MemoryMarshal.GetReference(output);
        ref float outG = ref Unsafe.Add(ref outR, plane);
        ref float outB = ref Unsafe.Add(ref outR, 2 * plane);

        // Offsets of R, G, B on the six-sector circle, plus the shift; as HsvColor: 5 + 6 s, 3 + 6 s, 1 + 6 s.
        float offsetR = 5f + (6f * shift), offsetG = 3f + (6f * shift), offsetB = 1f + (6f * shift);
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var oR = Vector256.Create(offsetR);
            var oG = Vector256.Create(offsetG);
            var oB = Vector256.Create(offsetB);
            for (; x + Vector256<float>.Count <= plane; x += Vector256<float>.Count)
            {
                var vr = Vector256.LoadUnsafe(ref r, (nuint)x);
                var vg = Vector256.LoadUnsafe(ref g, (nuint)x);
                var vb = Vector256.LoadUnsafe(ref b, (nuint)x);
                var max = Vector256.Max(Vector256.Max(vr, vg), vb);
                var min = Vector256.Min(Vector256.Min(vr, vg), vb);
                var chroma = max - min;
                var redIsMax = Vector256.GreaterThanOrEqual(vr, vg) & Vector256.GreaterThanOrEqual(vr, vb);
                var greenIsMax = ~redIsMax & Vector256.GreaterThanOrEqual(vg, vb);
                var numerator = Vector256.ConditionalSelect(redIsMax, vg - vb, Vector256.ConditionalSelect(greenIsMax, vb - vr, vr - vg));
                var sector = Vector256.ConditionalSelect(redIsMax, Vector256<float>.Zero, Vector256.ConditionalSelect(greenIsMax, Vector256.Create(2f), Vector256.Create(4f)));
                var hue6 = (numerator / Vector256.Max(chroma, Vector256.Create(1e-12f))) + sector;
                Channel(hue6 + oR, min, chroma).StoreUnsafe(ref outR, (nuint)x);
                Channel(hue6 + oG, min, chroma).StoreUnsafe(ref outG, (nuint)x);
                Channel(hue6 + oB, min, chroma).StoreUnsafe(ref outB, (nuint)x);
            }
        }

        for (; x < plane; x++)
        {
            float vr = Unsafe.Add(ref r, x), vg = Unsafe.Add(ref g, x), vb = Unsafe.Add(ref b, x);
            float max = MathF.Max(MathF.Max(vr, vg), vb), min = MathF.Min(MathF.Min(vr, vg), vb), chroma = max - min;
            bool redIsMax = vr >= vg && vr >= vb;
            bool greenIsMax = !redIsMax && vg >= vb;
            float numerator = redIsMax ? vg - vb : greenIsMax ? vb - vr : vr - vg;
            float hue6 = (numerator / MathF.Max(chroma, 1e-12f)) + (redIsMax ? 0f : greenIsMax ? 2f : 4f);
            Unsafe.Add(ref outR, x) = Channel(hue6 + offsetR, min, chroma);
            Unsafe.Add(ref outG, x) = Channel(hue6 + offsetG, min, chroma);
            Unsafe.Add(ref outB, x) = Channel(hue6 + offsetB, min, chroma);
        }
    }

    // min + chroma clamp(|(k mod 6) - 2| - 1, 0, 1), mod as torch.remainder (result in [0, 6)).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Channel(Vector256<float> k, Vector256<float> min, Vector256<float> chroma)
    {
        var six = Vector256.Create(6f);
        var wrapped = k - (six * Vector256.Floor(k / six));
        var level = Vector256.Min(Vector256.Max(Vector256.Abs(wrapped - Vector256.Create(2f)) - Vector256<float>.One, Vector256<float>.Zero), Vector256<float>.One);
        return min + (level * chroma);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Channel(float k, float min, float chroma)
    {
        float wrapped = k - (6f * MathF.Floor(k / 6f));
        float level = MathF.Min(MathF.Max(MathF.Abs(wrapped - 2f) - 1f, 0f), 1f);
        return min + (level * chroma);
    }
}
