using Pipeline.Ml.Augment;

namespace Pipeline.Stages.Pretrain.Runtime;

/// <summary>
/// The per-channel mean and std the augmentation normalises with, recorded in <c>encoder.json</c> so evaluation
/// feeds the encoder the same pixels: <see cref="ImageNetNormalization"/>'s for 1 or 3 channels, and the
/// identity (mean 0, std 1) when <c>normalize</c> is off.
/// </summary>
internal static class NormalizationStats
{
    public static (IReadOnlyList<double> Mean, IReadOnlyList<double> Std) For(int channels, bool normalize)
    {
        if (!normalize)
        {
            return (Enumerable.Repeat(0.0, channels).ToArray(), Enumerable.Repeat(1.0, channels).ToArray());
        }
        return channels switch
        {
            3 => (ImageNetNormalization.Mean, ImageNetNormalization.Std),
            1 => ([ImageNetNormalization.GrayMean], [ImageNetNormalization.GrayStd]),
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "normalize supports 1- and 3-channel images; set normalize: false"),
        };
    }
}
