namespace Pipeline.Ml.Augment;

/// <summary>What the colour steps do to one sample of one view (see <see cref="CpuAugmentKernels.ApplyColor(TorchSharp.torch.Tensor, ColorPlan[])"/>).</summary>
/// <param name="JitterSteps">The colour-jitter steps in the order this sample runs them (empty: no jitter).</param>
/// <param name="Brightness">Brightness factor.</param>
/// <param name="Contrast">Contrast factor.</param>
/// <param name="Saturation">Saturation factor.</param>
/// <param name="Hue">Hue shift in turns.</param>
/// <param name="Grayscale">Whether the sample becomes grey.</param>
/// <param name="BlurKernel">The normalised 1-D Gaussian kernel, or null for no blur.</param>
internal sealed record ColorPlan(int[] JitterSteps, float Brightness, float Contrast, float Saturation, float Hue, bool Grayscale, float[]? BlurKernel)
{
    public const int BrightnessStep = 0;
    public const int ContrastStep = 1;
    public const int SaturationStep = 2;
    public const int HueStep = 3;
}
