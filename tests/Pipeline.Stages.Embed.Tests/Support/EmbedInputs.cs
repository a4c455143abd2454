using Pipeline.Data;
using Pipeline.Data.Synthetic;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Native;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Embed.Tests.Support;

/// <summary>A random small-stem encoder for 32 px RGB images and a synthetic 32 px dataset (12 train, 30 test, 10 unlabeled images).</summary>
public sealed class EmbedInputs : IDisposable
{
    public const int TestCount = 30;
    public const int UnlabeledCount = 10;

    public static readonly EncoderInfo Encoder = new() { SmallImageStem = true, InputSize = 32, NormalizeMean = [0.4, 0.45, 0.5], NormalizeStd = [0.2, 0.25, 0.3] };

    private readonly TempDirectory root = new("embed-inputs");

    public EmbedInputs()
    {
        TorchRuntime.Configure(21, 2);
        EncoderDirectory = root.Combine("encoder");
        DatasetDirectory = root.Combine("dataset");
        using var backbone = new ResNet18Backbone(Encoder.BackboneOptions);
        EncoderArtifact.Save(EncoderDirectory, backbone, Encoder);
        Info = SyntheticStl10Generator.Generate(DatasetDirectory, new SplitCounts(UnlabeledCount, 12, TestCount), seed: 8, new ImageShape(3, 32, 32));
    }

    public string EncoderDirectory { get; }

    public string DatasetDirectory { get; }

    public DatasetInfo Info { get; }

    public void Dispose() => root.Dispose();
}
