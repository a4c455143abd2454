using Pipeline.Ml.Backbones;
using Pipeline.Ml.Eval;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Eval;

public sealed class FrozenFeatureExtractorTests
{
    private static readonly EncoderInfo Info = new() { SmallImageStem = true, InputSize = 16 };

    [Fact]
    public void Freezes_the_encoder_and_extracts_in_order_independent_of_batch_size()
    {
        TorchTestSetup.Seed();
        using var backbone = new ResNet18Backbone(Info.BackboneOptions);
        backbone.train();
        var extractor = new FrozenFeatureExtractor(backbone, new ImagePreprocessor(Info, 3), CPU);
        var source = new ArrayImageSource(10, 3, 16, 16, seed: 4);

        using var all = extractor.ExtractAll(source, [9, 0, 3, 4, 5], batchSize: 5);
        using var pieces = extractor.ExtractAll(source, [9, 0, 3, 4, 5], batchSize: 2);
        using var single = extractor.ExtractAll(source, [3], batchSize: 1);

        Assert.False(backbone.training);
        Assert.All(backbone.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(all.requires_grad);
        Assert.Equal([5L, ResNet18Backbone.FeatureDimension], all.shape);
        Assert.True(all.allclose(pieces, rtol: 1e-4, atol: 1e-5));
        Assert.True(all[2].allclose(single[0], rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void A_flatten_encoder_gives_normalised_pixels()
    {
        var info = new EncoderInfo { InputSize = 4, NormalizeMean = [0, 0, 0], NormalizeStd = [1, 1, 1] };
        var extractor = new FrozenFeatureExtractor(nn.Flatten(), new ImagePreprocessor(info, 3), CPU);
        var source = new ArrayImageSource(2, 3, 4, 4, seed: 1);

        using var features = extractor.ExtractAll(source, [1], batchSize: 8);

        var expected = source.Image(1).Select(b => b / 255f).ToArray();
        Assert.Equal(expected, features.data<float>().ToArray());
    }

    /// <summary>Random images held in memory.</summary>
    private sealed class ArrayImageSource(int count, int channels, int height, int width, int seed) : IImageBatchSource
    {
        private readonly byte[] pixels = MakePixels(count * channels * height * width, seed);

        public int Count => count;

        public int Channels => channels;

        public int Height => height;

        public int Width => width;

        public byte[] Image(int index) => pixels.AsSpan(index * channels * height * width, channels * height * width).ToArray();

        public void ReadBatch(ReadOnlySpan<int> indices, Span<byte> destination)
        {
            var size = channels * height * width;
            for (var i = 0; i < indices.Length; i++)
            {
                pixels.AsSpan(indices[i] * size, size).CopyTo(destination.Slice(i * size, size));
            }
        }

        private static byte[] MakePixels(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }
    }
}
