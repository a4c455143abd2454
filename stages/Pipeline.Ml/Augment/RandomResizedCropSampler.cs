using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// torchvision's <c>RandomResizedCrop.get_params</c> for a whole batch at once, each sample with its own crop: up to
/// ten tries of an area fraction uniform in [min_scale, 1] and an aspect ratio log-uniform in [3/4, 4/3]; the first
/// try that fits is taken, at a uniform integer offset; when none fits, the centre crop with the ratio clamped.
/// </summary>
public static class RandomResizedCropSampler
{
    /// <summary>torchvision's default aspect-ratio range (width / height).</summary>
    public const double MinRatio = 3.0 / 4.0;

    /// <summary>Upper end of the aspect-ratio range.</summary>
    public const double MaxRatio = 4.0 / 3.0;

    /// <summary>Draws <paramref name="n"/> crop boxes of an <paramref name="height"/> x <paramref name="width"/> image.</summary>
    /// <returns>[n, 4] float64 on the generator's device: top, left, height, width in pixels (whole numbers).</returns>
    public static Tensor Sample(long n, long height, long width, double minScale, Generator generator)
    {
        using var scope = NewDisposeScope();
        var draws = AugmentDraws.Sample(n, generator);
        return Boxes(draws, height, width, minScale).MoveToOuterDisposeScope();
    }

    /// <summary>Crop boxes from the crop columns of <paramref name="draws"/> ([n, <see cref="AugmentDraws.Columns"/>] uniforms).</summary>
    internal static Tensor Boxes(Tensor draws, long height, long width, double minScale)
    {
        using var scope = NewDisposeScope();
        double area = height * width;
        var areaDraws = draws.narrow(1, AugmentDraws.Area, AugmentDraws.CropTries);   // [n, T]
        var ratioDraws = draws.narrow(1, AugmentDraws.Ratio, AugmentDraws.CropTries); // [n, T]
        var targetArea = areaDraws.mul(area * (1 - minScale)).add_(area * minScale);
        var (logMin, logMax) = (Math.Log(MinRatio), Math.Log(MaxRatio));
        var ratio = ratioDraws.mul(logMax - logMin).add_(logMin).exp_();
        var w = targetArea.mul(ratio).sqrt_().round_();                               // [n, T]
        var h = targetArea.div(ratio).sqrt_().round_();
        var fits = w.gt(0).logical_and_(w.le(width)).logical_and_(h.gt(0)).logical_and_(h.le(height));
        // argmax returns the first maximum, so this is the first try that fits (0 when none does).
        var first = fits.to(ScalarType.Int64).argmax(1, keepdim: true);
        var anyFits = fits.any(1);
        var (fallbackH, fallbackW) = CentreFallback(height, width);
        var cropW = where(anyFits, w.gather(1, first).squeeze(1), tensor(fallbackW, ScalarType.Float64, w.device));
        var cropH = where(anyFits, h.gather(1, first).squeeze(1), tensor(fallbackH, ScalarType.Float64, h.device));
        // torch.randint(0, H - h + 1) for a fitting try; the centre for the fallback, as torchvision.
        var top = where(anyFits, draws.select(1, AugmentDraws.Top).mul(cropH.neg().add_(height + 1)).floor_(), cropH.neg().add_(height).div_(2).floor_());
        var left = where(anyFits, draws.select(1, AugmentDraws.Left).mul(cropW.neg().add_(width + 1)).floor_(), cropW.neg().add_(width).div_(2).floor_());
        return stack([top, left, cropH, cropW], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The whole image with its aspect ratio clamped to [3/4, 4/3], as torchvision's fallback.</summary>
    internal static (double Height, double Width) CentreFallback(long height, long width)
    {
        var inRatio = (double)width / height;
        if (inRatio < MinRatio)
        {
            return (Math.Round(width / MinRatio), width);
        }

        if (inRatio > MaxRatio)
        {
            return (height, Math.Round(height * MaxRatio));
        }

        return (height, width);
    }
}
