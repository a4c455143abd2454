namespace Pipeline.Ml.Backbones;

/// <summary>How to adapt torchvision's ResNet-18 to the input images.</summary>
/// <param name="InputChannels">3 for RGB, 1 for grayscale (e.g. Fashion-MNIST).</param>
/// <param name="SmallImageStem">
/// For 28-32 px inputs: a 3x3 stride-1 first convolution and no max-pool, as in the SimCLR paper's
/// CIFAR-10 variant (Chen et al. 2020, appendix B.9), instead of the 7x7 stride-2 conv + 3x3 max-pool
/// that shrinks a 32 px image to 8 px before the first residual stage.
/// </param>
public sealed record ResNet18BackboneOptions(int InputChannels = 3, bool SmallImageStem = false)
{
    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() =>
        InputChannels < 1 ? [$"{nameof(InputChannels)} must be at least 1 (got {InputChannels})."] : [];
}
