using Pipeline.Data;
using Pipeline.Data.Synthetic;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Pretrain.Tests.Support;

/// <summary>One tiny synthetic dataset shared by the tests: 64 unlabeled 3x32x32 images (plus small labeled splits).</summary>
public sealed class SyntheticDataset : IDisposable
{
    public const int UnlabeledImages = 64;

    private readonly TempDirectory directory = new("pretrain-dataset");

    public SyntheticDataset() =>
        SyntheticStl10Generator.Generate(directory.Path, new SplitCounts(UnlabeledImages, 20, 10), seed: 5, new ImageShape(3, 32, 32));

    public string Path => directory.Path;

    public void Dispose() => directory.Dispose();
}
