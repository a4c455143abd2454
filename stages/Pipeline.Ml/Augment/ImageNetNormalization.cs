using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// The ImageNet channel statistics lightly normalises with: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).
/// A 1-channel image uses their averages, mean 0.449 and std 0.226.
/// </summary>
public static class ImageNetNormalization
{
    /// <summary>RGB means.</summary>
    public static IReadOnlyList<double> Mean { get; } = [0.485, 0.456, 0.406];

    /// <summary>RGB standard deviations.</summary>
    public static IReadOnlyList<double> Std { get; } = [0.229, 0.224, 0.225];

    /// <summary>Mean for a 1-channel image.</summary>
    public const double GrayMean = 0.449;

    /// <summary>Standard deviation for a 1-channel image.</summary>
    public const double GrayStd = 0.226;

    /// <summary>(x - mean) / std per channel of [n, C, H, W] with C = 1 or 3, as one fused multiply-add into a new tensor.</summary>
    public static Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        var c = (int)images.shape[1];
        var (mean, std) = c switch
        {
            1 => (new[] { GrayMean }, new[] { GrayStd }),
            3 => (Mean.ToArray(), Std.ToArray()),
            _ => throw new ArgumentException($"ImageNet normalisation needs 1 or 3 channels; got {c}.", nameof(images)),
        };
        var scale = tensor(std.Select(s => (float)(1.0 / s)).ToArray(), [1, c, 1, 1], images.dtype, images.device);
        var bias = tensor(mean.Zip(std, (m, s) => (float)(-m / s)).ToArray(), [1, c, 1, 1], images.dtype, images.device);
        return addcmul(bias, images, scale, 1).MoveToOuterDisposeScope();
    }
}
