using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Pipeline.Ml.Augment;

/// <summary>
/// Gaussian blur with one sigma per sample (SimCLR, Chen et al. 2020, appendix A: kernel 10% of the image side,
/// sigma uniform in [0.1, 2.0]) as torchvision's <c>gaussian_blur</c>: reflect padding, kernel
/// exp(-x^2 / 2 sigma^2) normalised to sum 1, applied as two separable passes (depthwise convolutions, or a fused loop for float32 on the CPU).
/// </summary>
public static class GaussianBlur
{
    /// <summary>Normalised kernels [n, taps] for sigmas [n] (float64 in, float32 out).</summary>
    public static Tensor Kernels(Tensor sigma, int taps)
    {
        using var scope = NewDisposeScope();
        var half = (taps - 1) / 2.0;
        var x = linspace(-half, half, taps, dtype: ScalarType.Float64, device: sigma.device).view(1, taps);
        var s = sigma.to(ScalarType.Float64).view(-1, 1);
        var pdf = x.div(s).pow_(2).mul_(-0.5).exp_();
        return pdf.div_(pdf.sum(1, keepdim: true)).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Blurs [n, C, H, W] float images with per-sample <paramref name="sigma"/> [n]; returns a new tensor.</summary>
    /// <param name="images">[n, C, H, W]; H and W must exceed taps / 2 (reflect padding).</param>
    /// <param name="sigma">[n] standard deviations in pixels.</param>
    /// <param name="taps">Odd kernel size.</param>
    public static Tensor Apply(Tensor images, Tensor sigma, int taps)
    {
        if (taps < 1 || taps % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(taps), taps, "The blur kernel needs an odd number of taps.");
        }

        if (CpuAugmentKernels.Applies(images))
        {
            using var cpuKernels = Kernels(sigma, taps).cpu();
            return CpuAugmentKernels.Blur(images, cpuKernels.data<float>().ToArray(), taps);
        }

        return ApplyWithTensorOps(images, sigma, taps);
    }

    /// <summary>
    /// <see cref="Apply"/> as two grouped convolutions: the form used on GPUs (float32 CPU tensors take a fused
    /// loop instead, which the tests compare with this one).
    /// </summary>
    public static Tensor ApplyWithTensorOps(Tensor images, Tensor sigma, int taps)
    {
        if (taps < 1 || taps % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(taps), taps, "The blur kernel needs an odd number of taps.");
        }

        using var scope = NewDisposeScope();
        var (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        var pad = taps / 2;
        var kernels = Kernels(sigma, taps).to(images.dtype).to(images.device);      // [n, taps]
        var perChannel = kernels.repeat_interleave(c, dim: 0);                       // [n C, taps]
        var planes = images.reshape(1, n * c, h, w);
        var padded = nn.functional.pad(planes, [pad, pad, pad, pad], TorchSharp.PaddingModes.Reflect);
        var rows = conv2d(padded, perChannel.view(n * c, 1, 1, taps), groups: n * c);  // [1, nC, H + 2p, W]
        var both = conv2d(rows, perChannel.view(n * c, 1, taps, 1), groups: n * c);   // [1, nC, H, W]
        return both.view(n, c, h, w).MoveToOuterDisposeScope();
    }
}
