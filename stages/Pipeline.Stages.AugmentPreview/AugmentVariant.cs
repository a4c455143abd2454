using Pipeline.Ml.Augment;

namespace Pipeline.Stages.AugmentPreview;

/// <summary>
/// One augmentation setting to preview: any <see cref="SimClrAugmentOptions"/> knob, null meaning "lightly's default"
/// (in YAML: <c>strong_color: {cj_strength: 0.8, gaussian_blur: 0}</c>).
/// </summary>
public sealed record AugmentVariant
{
    /// <summary>Colour jitter probability.</summary>
    public double? CjProb { get; init; }

    /// <summary>Colour jitter strength s.</summary>
    public double? CjStrength { get; init; }

    /// <summary>Smallest crop area fraction.</summary>
    public double? MinScale { get; init; }

    /// <summary>Grayscale probability.</summary>
    public double? RandomGrayScale { get; init; }

    /// <summary>Blur probability.</summary>
    public double? GaussianBlur { get; init; }

    /// <summary>Blur kernel size as a fraction of the input size.</summary>
    public double? KernelSize { get; init; }

    /// <summary>Smallest blur sigma.</summary>
    public double? SigmaMin { get; init; }

    /// <summary>Largest blur sigma.</summary>
    public double? SigmaMax { get; init; }

    /// <summary>Horizontal flip probability.</summary>
    public double? HfProb { get; init; }

    /// <summary>Vertical flip probability.</summary>
    public double? VfProb { get; init; }

    /// <summary>90-degree rotation probability.</summary>
    public double? RrProb { get; init; }

    /// <summary>ImageNet normalisation (the preview rescales each image anyway).</summary>
    public bool? Normalize { get; init; }

    /// <summary>The full options: this variant's knobs over lightly's defaults, at <paramref name="inputSize"/>.</summary>
    public SimClrAugmentOptions ToOptions(int inputSize)
    {
        var d = new SimClrAugmentOptions();
        return new SimClrAugmentOptions
        {
            InputSize = inputSize,
            CjProb = CjProb ?? d.CjProb,
            CjStrength = CjStrength ?? d.CjStrength,
            MinScale = MinScale ?? d.MinScale,
            RandomGrayScale = RandomGrayScale ?? d.RandomGrayScale,
            GaussianBlur = GaussianBlur ?? d.GaussianBlur,
            KernelSize = KernelSize ?? d.KernelSize,
            SigmaMin = SigmaMin ?? d.SigmaMin,
            SigmaMax = SigmaMax ?? d.SigmaMax,
            HfProb = HfProb ?? d.HfProb,
            VfProb = VfProb ?? d.VfProb,
            RrProb = RrProb ?? d.RrProb,
            Normalize = Normalize ?? d.Normalize,
        };
    }
}
