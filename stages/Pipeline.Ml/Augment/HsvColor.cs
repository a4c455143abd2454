using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// RGB and HSV on batched tensors, hue in [0, 1) as torchvision's <c>_rgb2hsv</c>. The hue shift never builds
/// saturation and value: with m = min, C = max - min and H6 = 6 hue, channel k (R, G, B at offsets 5, 3, 1) is
/// m + C clamp(|((H6 + offset) mod 6) - 2| - 1, 0, 1), the closed form of HSV to RGB (Smith 1978), so a shift is
/// about a dozen elementwise passes instead of torchvision's ~40 with masks and a one-hot einsum.
/// </summary>
public static class HsvColor
{
    // Row k gives channel (k+1) - channel (k+2): [g - b, b - r, r - g], the hue numerator when channel k is the maximum.
    private static readonly float[] Differences = [0, 1, -1, -1, 0, 1, 1, -1, 0];

    // HSV to RGB offsets of R, G and B on the six-sector hue circle.
    private static readonly float[] SectorOffsets = [5, 3, 1];

    /// <summary>[n, 3, H, W] RGB in [0, 1] to [n, 3, H, W] (hue in [0, 1), saturation, value).</summary>
    public static Tensor RgbToHsv(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var (hue6, min, chroma) = Hue6(rgb);
        var max = min.add(chroma);
        var saturation = chroma.div(where(max.eq(0), ones_like(max), max));
        var hue = hue6.div_(6).remainder_(1);
        return cat([hue, saturation, max], 1).MoveToOuterDisposeScope();
    }

    /// <summary>[n, 3, H, W] (hue in [0, 1), saturation, value) to [n, 3, H, W] RGB.</summary>
    public static Tensor HsvToRgb(Tensor hsv)
    {
        using var scope = NewDisposeScope();
        var value = hsv.narrow(1, 2, 1);
        var chroma = hsv.narrow(1, 1, 1).mul(value);
        var min = value.sub(chroma);
        var result = empty_like(hsv);
        Sectors(hsv.narrow(1, 0, 1).mul(6), Offsets(hsv.shape[0], zeros(hsv.shape[0], dtype: hsv.dtype, device: hsv.device)), min, chroma, result);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// torchvision's <c>adjust_hue</c> per sample: hue + <paramref name="hueFactor"/> (mod 1), written into
    /// <paramref name="destination"/> (which may be <paramref name="rgb"/> itself).
    /// </summary>
    /// <param name="rgb">[n, 3, H, W] in [0, 1].</param>
    /// <param name="hueFactor">[n] shifts in [-0.5, 0.5].</param>
    /// <param name="destination">[n, 3, H, W] output.</param>
    public static void ShiftHueInto(Tensor rgb, Tensor hueFactor, Tensor destination)
    {
        if (CpuAugmentKernels.Applies(rgb) && CpuAugmentKernels.Applies(destination) && rgb.shape.SequenceEqual(destination.shape))
        {
            using var shifts = hueFactor.to(ScalarType.Float32).cpu();
            CpuAugmentKernels.ShiftHue(rgb, shifts.data<float>().ToArray(), destination);
            return;
        }

        ShiftHueWithTensorOps(rgb, hueFactor, destination);
    }

    /// <summary>
    /// <see cref="ShiftHueInto"/> as tensor operations: the form used on GPUs (float32 CPU tensors take a fused
    /// loop instead, which the tests compare with this one).
    /// </summary>
    public static void ShiftHueWithTensorOps(Tensor rgb, Tensor hueFactor, Tensor destination)
    {
        using var scope = NewDisposeScope();
        var (hue6, min, chroma) = Hue6(rgb);
        Sectors(hue6, Offsets(rgb.shape[0], hueFactor.to(rgb.dtype)), min, chroma, destination);
    }

    /// <summary>torchvision's <c>adjust_hue</c> per sample into a new tensor.</summary>
    public static Tensor ShiftHue(Tensor rgb, Tensor hueFactor)
    {
        using var scope = NewDisposeScope();
        var result = empty_like(rgb);
        ShiftHueInto(rgb, hueFactor, result);
        return result.MoveToOuterDisposeScope();
    }

    // Six times the hue (in [-1, 5]: sector of the maximum channel plus the signed position in it), the minimum and the chroma, each [n, 1, H, W].
    private static (Tensor Hue6, Tensor Min, Tensor Chroma) Hue6(Tensor rgb)
    {
        var (n, h, w) = (rgb.shape[0], rgb.shape[2], rgb.shape[3]);
        var (max, argmax) = rgb.max(1, keepdim: true);
        var min = rgb.amin([1], keepdim: true);
        var chroma = max.sub(min);
        var differences = matmul(tensor(Differences, [3, 3], rgb.dtype, rgb.device), rgb.reshape(n, 3, h * w)).view(n, 3, h, w);
        // argmax takes the first maximum: red before green before blue, as torchvision's masks do. Grey pixels
        // (chroma 0) have a zero numerator, so any positive divisor gives them hue 0 like torchvision's.
        var hue6 = differences.gather(1, argmax).div_(chroma.clamp_min(1e-12)).add_(argmax.to(rgb.dtype), alpha: 2);
        return (hue6, min, chroma);
    }

    // [n, 3, 1, 1]: the R, G, B sector offsets plus six times each sample's hue shift.
    private static Tensor Offsets(long n, Tensor shift) =>
        tensor(SectorOffsets, [1, 3, 1, 1], shift.dtype, shift.device).add(shift.view(n, 1, 1, 1), alpha: 6);

    private static void Sectors(Tensor hue6, Tensor offsets, Tensor min, Tensor chroma, Tensor destination)
    {
        var k = hue6.add(offsets);                          // [n, 3, H, W]
        k.remainder_(6).sub_(2).abs_().sub_(1).clamp_(0, 1);
        destination.copy_(min.expand_as(destination)).addcmul_(k, chroma, 1);
    }
}
