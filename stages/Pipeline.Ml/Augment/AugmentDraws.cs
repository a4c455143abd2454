using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// The uniform numbers one view of one sample consumes, one row per sample in a fixed column layout. Every column
/// is drawn whether or not its transform is enabled, so the same generator state gives the same crop whatever the
/// probabilities are (a flip or a colour change can then be compared with the plain view pixel for pixel).
/// </summary>
internal static class AugmentDraws
{
    /// <summary>RandomResizedCrop tries, as torchvision (each try draws an area and an aspect ratio).</summary>
    public const int CropTries = 10;

    public const int Area = 0;                 // [0, 10): area fraction of each try
    public const int Ratio = Area + CropTries; // [10, 20): log aspect ratio of each try
    public const int Top = Ratio + CropTries;  // crop row offset
    public const int Left = Top + 1;           // crop column offset
    public const int Rotate = Left + 1;
    public const int HorizontalFlip = Rotate + 1;
    public const int VerticalFlip = HorizontalFlip + 1;
    public const int Jitter = VerticalFlip + 1;
    public const int Brightness = Jitter + 1;
    public const int Contrast = Brightness + 1;
    public const int Saturation = Contrast + 1;
    public const int Hue = Saturation + 1;
    public const int JitterOrder = Hue + 1;    // [.., +4): sort keys giving the order of the four jitter steps
    public const int Gray = JitterOrder + 4;
    public const int Blur = Gray + 1;
    public const int Sigma = Blur + 1;

    /// <summary>Columns per sample.</summary>
    public const int Columns = Sigma + 1;

    /// <summary>Uniform [0, 1) float64 draws [n, <see cref="Columns"/>] on the generator's device.</summary>
    public static Tensor Sample(long n, Generator generator) =>
        rand([n, Columns], dtype: ScalarType.Float64, device: generator.device, generator: generator);
}
