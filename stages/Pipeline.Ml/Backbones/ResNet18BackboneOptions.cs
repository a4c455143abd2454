namespace Pipeline.Ml.Backbones;

/// <summary>
/// How to adapt torchvision's ResNet-18 to the input images, and how to shrink it when compute is short.
/// The defaults (besides <see cref="InputChannels"/>) are ResNet-18 itself.
/// </summary>
/// <param name="InputChannels">3 for RGB, 1 for grayscale (e.g. Fashion-MNIST).</param>
/// <param name="SmallImageStem">
/// For 28-32 px inputs: a 3x3 stride-1 first convolution and no max-pool, as in the SimCLR paper's
/// CIFAR-10 variant (Chen et al. 2020, appendix B.9), instead of the 7x7 stride-2 conv + 3x3 max-pool
/// that shrinks a 32 px image to 8 px before the first residual stage.
/// </param>
/// <param name="Width">
/// Channels of the stem and the first residual stage; the four stages have Width, 2·Width, 4·Width and 8·Width
/// channels and the features 8·Width (64 is ResNet-18: 512 features). A narrower network is a ResNet-18 with
/// every layer's channels scaled by Width/64 (about (Width/64)² of the parameters and multiply-adds).
/// </param>
/// <param name="BlocksPerStage">Basic blocks in each of the four stages: 2 is ResNet-18, 1 a ResNet-10.</param>
/// <param name="MaxPool">
/// The 3x3 stride-2 max-pool after the stem; null takes the stem's own (on for the ImageNet stem, off for the
/// small-image stem). With the ImageNet stem, false keeps a 28-32 px image at half size (14-16 px) into the
/// first stage instead of a quarter.
/// </param>
public sealed record ResNet18BackboneOptions(
    int InputChannels = 3,
    bool SmallImageStem = false,
    int Width = ResNet18BackboneOptions.ResNet18Width,
    int BlocksPerStage = ResNet18BackboneOptions.ResNet18BlocksPerStage,
    bool? MaxPool = null)
{
    /// <summary>ResNet-18's first-stage width.</summary>
    public const int ResNet18Width = 64;

    /// <summary>ResNet-18's blocks per stage.</summary>
    public const int ResNet18BlocksPerStage = 2;

    /// <summary>Whether the stem is followed by the max-pool.</summary>
    public bool UsesMaxPool => MaxPool ?? !SmallImageStem;

    /// <summary>Length of the feature vector: the last stage's channels, 8·<see cref="Width"/>.</summary>
    public int FeatureDimension => 8 * Width;

    /// <summary>True when width, depth and max-pool are ResNet-18's (the stem and input channels may still be adapted).</summary>
    public bool IsResNet18 => Width == ResNet18Width && BlocksPerStage == ResNet18BlocksPerStage && UsesMaxPool == !SmallImageStem;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (InputChannels < 1)
        {
            errors.Add($"{nameof(InputChannels)} must be at least 1 (got {InputChannels}).");
        }
        if (Width is < 1 or > 1024)
        {
            errors.Add($"{nameof(Width)} must be between 1 and 1024 (got {Width}).");
        }
        if (BlocksPerStage is < 1 or > 16)
        {
            errors.Add($"{nameof(BlocksPerStage)} must be between 1 and 16 (got {BlocksPerStage}).");
        }
        return errors;
    }
}
