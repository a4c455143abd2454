using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// torchvision's colour adjustments (<c>adjust_brightness</c>, <c>adjust_contrast</c>, <c>adjust_saturation</c>,
/// <c>adjust_hue</c>) with one factor per sample, on float images [n, C, H, W] in [0, 1], changed in place.
/// SimCLR's colour distortion (Chen et al. 2020, appendix A) applies all four with factors drawn per view.
/// Contrast and saturation blend towards the ITU-R 601 luma (<see cref="Luma"/>).
/// </summary>
public static class ColorJitter
{
    /// <summary>x = clamp(x b, 0, 1) per sample; <paramref name="factor"/> is [n], non-negative.</summary>
    public static Tensor AdjustBrightnessInPlace(Tensor images, Tensor factor)
    {
        using var scope = NewDisposeScope();
        images.mul_(PerSample(factor, images)).clamp_(0, 1);
        return images;
    }

    /// <summary>x = clamp(c x + (1 - c) mean(luma(x)), 0, 1) per sample, the mean over the whole image; [n] factors.</summary>
    public static Tensor AdjustContrastInPlace(Tensor images, Tensor factor)
    {
        using var scope = NewDisposeScope();
        var c = PerSample(factor, images);
        var offset = Luma.Mean(images).mul_(c.neg().add_(1));
        images.mul_(c).add_(offset).clamp_(0, 1);
        return images;
    }

    /// <summary>x = clamp(s x + (1 - s) luma(x), 0, 1) per sample and pixel; RGB only; [n] factors.</summary>
    public static Tensor AdjustSaturationInPlace(Tensor images, Tensor factor)
    {
        RequireRgb(images, "saturation");
        using var scope = NewDisposeScope();
        var s = PerSample(factor, images);
        var grey = Luma.Of(images).mul_(s.neg().add_(1));
        images.mul_(s).add_(grey).clamp_(0, 1);
        return images;
    }

    /// <summary>Hue rotated by <paramref name="factor"/> (in turns, [-0.5, 0.5]) per sample; RGB only.</summary>
    public static Tensor AdjustHueInPlace(Tensor images, Tensor factor)
    {
        RequireRgb(images, "hue");
        HsvColor.ShiftHueInto(images, factor, images);
        return images;
    }

    private static Tensor PerSample(Tensor factor, Tensor images) =>
        factor.to(images.dtype).to(images.device).view(-1, 1, 1, 1);

    private static void RequireRgb(Tensor images, string what)
    {
        if (images.dim() != 4 || images.shape[1] != 3)
        {
            throw new ArgumentException($"{what} needs RGB images [n, 3, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        }
    }
}
