using Pipeline.Ml.Backbones;
using Pipeline.Ml.Eval;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Eval;

public sealed class ImagePreprocessorTests
{
    private static readonly EncoderInfo Rgb8 = new() { InputSize = 8, NormalizeMean = [0.5, 0.4, 0.3], NormalizeStd = [0.2, 0.25, 0.5] };

    [Fact]
    public void Scales_to_unit_range_and_normalises_each_channel()
    {
        TorchTestSetup.Seed();
        var bytes = Enumerable.Range(0, 2 * 3 * 8 * 8).Select(i => (byte)((i * 37) % 256)).ToArray();
        using var pixels = tensor(bytes, [2, 3, 8, 8], dtype: ScalarType.Byte);
        var preprocessor = new ImagePreprocessor(Rgb8, 3);

        using var x = preprocessor.Apply(pixels);

        Assert.Equal(ChannelAdaptation.None, preprocessor.Adaptation);
        Assert.Equal([2L, 3, 8, 8], x.shape);
        var values = x.data<float>().ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            var channel = i / 64 % 3;
            var expected = ((bytes[i] / 255.0) - Rgb8.NormalizeMean[channel]) / Rgb8.NormalizeStd[channel];
            Assert.True(Math.Abs(expected - values[i]) < 1e-5, $"element {i}: expected {expected}, got {values[i]}");
        }
    }

    [Fact]
    public void Repeats_a_gray_plane_for_an_rgb_encoder()
    {
        using var pixels = full([1, 1, 8, 8], 51, dtype: ScalarType.Byte);
        var preprocessor = new ImagePreprocessor(Rgb8, 1);

        using var x = preprocessor.ToUnitRange(pixels);

        Assert.Equal(ChannelAdaptation.Repeat, preprocessor.Adaptation);
        Assert.Equal([1L, 3, 8, 8], x.shape);
        Assert.True(x.allclose(full([1, 3, 8, 8], 0.2f)));
    }

    [Fact]
    public void Averages_rgb_channels_for_a_gray_encoder()
    {
        var gray = new EncoderInfo { InputChannels = 1, InputSize = 4, NormalizeMean = [0.0], NormalizeStd = [1.0] };
        using var pixels = cat([full([1, 1, 4, 4], 0, dtype: ScalarType.Byte), full([1, 1, 4, 4], 255, dtype: ScalarType.Byte), full([1, 1, 4, 4], 255, dtype: ScalarType.Byte)], 1);
        var preprocessor = new ImagePreprocessor(gray, 3);

        using var x = preprocessor.Apply(pixels);

        Assert.Equal(ChannelAdaptation.Average, preprocessor.Adaptation);
        Assert.Equal([1L, 1, 4, 4], x.shape);
        Assert.True(x.allclose(full([1, 1, 4, 4], 2f / 3)));
    }

    [Fact]
    public void Resizes_to_the_encoder_input_size()
    {
        using var pixels = full([2, 3, 16, 12], 255, dtype: ScalarType.Byte);
        var preprocessor = new ImagePreprocessor(Rgb8, 3);

        using var x = preprocessor.ToUnitRange(pixels);

        Assert.Equal([2L, 3, 8, 8], x.shape);
        Assert.True(x.allclose(ones([2, 3, 8, 8])));
    }

    [Fact]
    public void Rejects_channel_counts_it_cannot_match()
    {
        Assert.Throws<ArgumentException>(() => new ImagePreprocessor(Rgb8, 2));
        Assert.Throws<ArgumentException>(() => new ImagePreprocessor(Rgb8 with { NormalizeMean = [0.5] }, 3));
    }
}
