using Pipeline.Data;
using Pipeline.Data.Synthetic;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Native;
using Pipeline.TestSupport;

namespace Pipeline.Stages.LinearEval.Tests.Support;

/// <summary>
/// A randomly initialised small-stem encoder for 32 px RGB images and a synthetic 32 px dataset (200 train,
/// 100 test images, ten balanced classes), made once per test class.
/// </summary>
public sealed class EvalInputs : IDisposable
{
    public const int TrainCount = 200;
    public const int TestCount = 100;

    private readonly TempDirectory root = new("linear-eval-inputs");

    public EvalInputs()
        : this(new ResNet18BackboneOptions(3, SmallImageStem: true))
    {
    }

    /// <param name="encoder">The encoder to save (3 input channels), described in encoder.json with its width, depth and max-pool.</param>
    internal EvalInputs(ResNet18BackboneOptions encoder)
    {
        TorchRuntime.Configure(11, 2);
        EncoderDirectory = root.Combine("encoder");
        DatasetDirectory = root.Combine("dataset");
        using var backbone = new ResNet18Backbone(encoder);
        EncoderArtifact.Save(EncoderDirectory, backbone, new EncoderInfo
        {
            Architecture = EncoderInfo.ArchitectureFor(encoder),
            SmallImageStem = encoder.SmallImageStem,
            Width = encoder.Width,
            BlocksPerStage = encoder.BlocksPerStage,
            MaxPool = encoder.MaxPool,
            FeatureDimension = encoder.FeatureDimension,
            InputSize = 32,
        });
        Info = SyntheticStl10Generator.Generate(DatasetDirectory, new SplitCounts(0, TrainCount, TestCount), seed: 5, new ImageShape(3, 32, 32));
    }

    public string EncoderDirectory { get; }

    public string DatasetDirectory { get; }

    public DatasetInfo Info { get; }

    public void Dispose() => root.Dispose();
}
