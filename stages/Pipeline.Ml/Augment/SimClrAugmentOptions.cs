namespace Pipeline.Ml.Augment;

/// <summary>
/// Knobs of the SimCLR view augmentation (Chen et al. 2020, appendix A), named and defaulted as lightly 1.2.28's
/// <c>SimCLRCollateFunction</c> with <c>input_size=96</c>; the blur draws sigma from [<see cref="SigmaMin"/>,
/// <see cref="SigmaMax"/>] as newer lightly (and the paper) do.
/// </summary>
public sealed record SimClrAugmentOptions
{
    /// <summary>Side of the square output views, in pixels.</summary>
    public int InputSize { get; init; } = 96;

    /// <summary>Probability that a view gets colour jitter.</summary>
    public double CjProb { get; init; } = 0.8;

    /// <summary>Colour jitter strength s: brightness = contrast = saturation = 0.8 s, hue = 0.2 s.</summary>
    public double CjStrength { get; init; } = 0.5;

    /// <summary>Smallest area fraction of RandomResizedCrop (the largest is 1); the aspect ratio is drawn from 3/4..4/3.</summary>
    public double MinScale { get; init; } = 0.08;

    /// <summary>Probability that a view is turned to grey.</summary>
    public double RandomGrayScale { get; init; } = 0.2;

    /// <summary>Probability that a view is blurred.</summary>
    public double GaussianBlur { get; init; } = 0.5;

    /// <summary>Blur kernel size as a fraction of <see cref="InputSize"/> (rounded to an odd number of taps, at least 3).</summary>
    public double KernelSize { get; init; } = 0.1;

    /// <summary>Smallest blur standard deviation, in output pixels.</summary>
    public double SigmaMin { get; init; } = 0.1;

    /// <summary>Largest blur standard deviation, in output pixels.</summary>
    public double SigmaMax { get; init; } = 2.0;

    /// <summary>Probability of a horizontal flip.</summary>
    public double HfProb { get; init; } = 0.5;

    /// <summary>Probability of a vertical flip.</summary>
    public double VfProb { get; init; } = 0.0;

    /// <summary>Probability of a 90-degree counter-clockwise rotation (lightly's <c>RandomRotate</c>).</summary>
    public double RrProb { get; init; } = 0.0;

    /// <summary>
    /// Normalise with the ImageNet statistics: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225); a 1-channel
    /// image uses their averages, mean 0.449 and std 0.226.
    /// </summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Blur taps: <c>KernelSize * InputSize</c> truncated, made odd by adding one when even, at least 3 (9 at 96 px, 3 at 32 px).</summary>
    public int BlurTaps
    {
        get
        {
            var taps = Math.Max(3, (int)(KernelSize * InputSize));
            return taps % 2 == 0 ? taps + 1 : taps;
        }
    }

    /// <summary>Every problem with these options (snake_case names, as in pipeline YAML); empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (InputSize is < 8 or > 4096)
        {
            errors.Add($"input_size must be between 8 and 4096 (got {InputSize}).");
        }

        foreach (var (name, value) in new[]
                 {
                     ("cj_prob", CjProb), ("random_gray_scale", RandomGrayScale), ("gaussian_blur", GaussianBlur),
                     ("hf_prob", HfProb), ("vf_prob", VfProb), ("rr_prob", RrProb),
                 })
        {
            if (!(value >= 0 && value <= 1))
            {
                errors.Add($"{name} is a probability and must be between 0 and 1 (got {value}).");
            }
        }

        // Hue is 0.2 s and torchvision caps the hue jitter at 0.5, so s may go up to 2.5.
        if (!(CjStrength >= 0 && CjStrength <= 2.5))
        {
            errors.Add($"cj_strength must be between 0 and 2.5 (got {CjStrength}); hue jitter 0.2*s may not exceed 0.5.");
        }

        if (!(MinScale > 0 && MinScale <= 1))
        {
            errors.Add($"min_scale is an area fraction and must be in (0, 1] (got {MinScale}).");
        }

        if (!(KernelSize > 0 && KernelSize <= 1))
        {
            errors.Add($"kernel_size is a fraction of input_size and must be in (0, 1] (got {KernelSize}).");
        }

        if (!(SigmaMin > 0) || double.IsInfinity(SigmaMin))
        {
            errors.Add($"sigma_min must be a positive number (got {SigmaMin}).");
        }

        if (!(SigmaMax >= SigmaMin) || double.IsInfinity(SigmaMax))
        {
            errors.Add($"sigma_max must be a finite number of at least sigma_min (got {SigmaMax}, sigma_min {SigmaMin}).");
        }

        return errors;
    }
}
