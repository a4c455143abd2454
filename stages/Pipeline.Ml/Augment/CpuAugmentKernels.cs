using Pipeline.Ml.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// The augmentation's colour work on the CPU as fused loops over each image's own memory, one image per worker:
/// the hue shift (one pass instead of ~20 tensor passes), the separable Gaussian blur (libtorch's depthwise
/// convolution with one group per plane is several times slower than the 2 x taps multiply-adds it needs) and the
/// whole per-sample colour pass. Images are independent and each is processed in a fixed order, so the output is
/// the same for any thread count. The tensor-op forms (<see cref="HsvColor"/>, <see cref="GaussianBlur"/>,
/// <see cref="ColorJitter"/>) stay for other devices and as the tests' reference. The loops
/// (<see cref="CpuColorKernels"/>, <see cref="CpuBlurKernel"/>) are compiled fully optimised at once: each runs
/// thousands of times a second, and tier-0 code for vector operations is many times slower.
/// </summary>
internal static class CpuAugmentKernels
{
    /// <summary>Whether <paramref name="t"/> can be handled here: float32, contiguous, in CPU memory.</summary>
    public static bool Applies(Tensor t) =>
        t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous();

    /// <summary>
    /// <see cref="HsvColor.ShiftHueInto"/> for contiguous float32 CPU tensors: per pixel, six times the hue from the
    /// maximum channel (red before green before blue on ties), then channel k = min + chroma clamp(|((H6 + o_k + 6 shift) mod 6) - 2| - 1, 0, 1).
    /// </summary>
    public static unsafe void ShiftHue(Tensor rgb, float[] shifts, Tensor destination)
    {
        int n = (int)rgb.shape[0];
        int plane = (int)(rgb.shape[2] * rgb.shape[3]);
        float* source = (float*)TorchNative.DataPointer(rgb);
        float* target = (float*)TorchNative.DataPointer(destination);
        nint sourceAddress = (nint)source, targetAddress = (nint)target;
        Parallel.For(0, n, Options(n), i =>
        {
            var input = new Span<float>((float*)sourceAddress + ((long)i * 3 * plane), 3 * plane);
            var output = new Span<float>((float*)targetAddress + ((long)i * 3 * plane), 3 * plane);
            CpuColorKernels.ShiftHue(input, output, plane, shifts[i]);
        });
    }

    /// <summary>
    /// <see cref="GaussianBlur.Apply"/> for contiguous float32 CPU tensors: per plane, the row pass then the column
    /// pass of the sample's kernel with reflect padding (torch's 'reflect': the edge pixel is not repeated).
    /// </summary>
    public static unsafe Tensor Blur(Tensor images, float[] kernels, int taps)
    {
        var (n, c, h, w) = ((int)images.shape[0], (int)images.shape[1], (int)images.shape[2], (int)images.shape[3]);
        var result = empty_like(images);
        nint sourceAddress = TorchNative.DataPointer(images), targetAddress = TorchNative.DataPointer(result);
        int planeSize = h * w;
        Parallel.For(0, n * c, Options(n * c), () => new float[planeSize], (p, _, scratch) =>
        {
            var input = new ReadOnlySpan<float>((float*)sourceAddress + ((long)p * planeSize), planeSize);
            var output = new Span<float>((float*)targetAddress + ((long)p * planeSize), planeSize);
            var kernel = new ReadOnlySpan<float>(kernels, (p / c) * taps, taps);
            CpuBlurKernel.Rows(input, scratch, kernel, h, w);
            CpuBlurKernel.Columns(scratch, output, kernel, h, w);
            return scratch;
        }, _ => { });
        return result;
    }

    /// <summary>
    /// Colour jitter (its steps in each sample's own order), grayscale and blur of every sample in one pass over
    /// its memory, in place: what <see cref="ColorJitter"/>, <see cref="Luma"/> and <see cref="GaussianBlur"/> do on
    /// index-selected groups of samples, without the per-group tensor operations (a batch of 128 has up to 24
    /// jitter orders, and each small operation costs a thread-pool round trip).
    /// </summary>
    /// <param name="views">[n, C, H, W] float32, contiguous, on the CPU; C = 1 or 3.</param>
    /// <param name="plans">One plan per sample.</param>
    public static unsafe void ApplyColor(Tensor views, ColorPlan[] plans)
    {
        var (n, c, h, w) = ((int)views.shape[0], (int)views.shape[1], (int)views.shape[2], (int)views.shape[3]);
        nint address = TorchNative.DataPointer(views);
        int plane = h * w, imageSize = c * plane;
        Parallel.For(0, n, Options(n), () => new float[plane], (i, _, scratch) =>
        {
            var image = new Span<float>((float*)address + ((long)i * imageSize), imageSize);
            CpuColorKernels.Apply(image, c, h, w, plans[i], scratch);
            return scratch;
        }, _ => { });
    }

    private static ParallelOptions Options(int items) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, Math.Min(items, torch.get_num_threads())) };
}
