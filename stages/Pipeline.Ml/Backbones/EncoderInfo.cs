namespace Pipeline.Ml.Backbones;

/// <summary>
/// What an <c>encoder</c> artifact holds besides its weights (<c>encoder.json</c>): the architecture and the
/// input it expects, so evaluation stages rebuild the same backbone and feed it the same normalised pixels.
/// </summary>
public sealed record EncoderInfo
{
    /// <summary>The architecture: <c>resnet18</c>, or <c>resnet</c> for a narrower/shallower variant (<see cref="Width"/>, <see cref="BlocksPerStage"/>, <see cref="MaxPool"/>).</summary>
    public string Architecture { get; init; } = "resnet18";

    /// <summary>Image channels the first convolution takes.</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>True for the 3x3 stride-1 stem without max-pool (28-32 px inputs).</summary>
    public bool SmallImageStem { get; init; }

    /// <summary>Channels of the first residual stage (64 for ResNet-18); missing in older artifacts, which are ResNet-18.</summary>
    public int Width { get; init; } = ResNet18BackboneOptions.ResNet18Width;

    /// <summary>Basic blocks per stage (2 for ResNet-18).</summary>
    public int BlocksPerStage { get; init; } = ResNet18BackboneOptions.ResNet18BlocksPerStage;

    /// <summary>The max-pool after the stem; null takes the stem's own (see <see cref="ResNet18BackboneOptions.MaxPool"/>).</summary>
    public bool? MaxPool { get; init; }

    /// <summary>Length of the feature vector.</summary>
    public int FeatureDimension { get; init; } = ResNet18Backbone.FeatureDimension;

    /// <summary>Side in pixels of the images the encoder was trained on (inputs are resized to it).</summary>
    public int InputSize { get; init; } = 96;

    /// <summary>Per-channel mean subtracted after scaling pixels to 0..1.</summary>
    public IReadOnlyList<double> NormalizeMean { get; init; } = [0.485, 0.456, 0.406];

    /// <summary>Per-channel standard deviation divided by after the mean.</summary>
    public IReadOnlyList<double> NormalizeStd { get; init; } = [0.229, 0.224, 0.225];

    /// <summary>The architecture name for <paramref name="options"/>: <c>resnet18</c> or <c>resnet</c>.</summary>
    public static string ArchitectureFor(ResNet18BackboneOptions options) => options.IsResNet18 ? "resnet18" : "resnet";

    /// <summary>The backbone options these settings describe.</summary>
    public ResNet18BackboneOptions BackboneOptions => new(InputChannels, SmallImageStem, Width, BlocksPerStage, MaxPool);
}
