using Pipeline.Ml.Backbones;
using Pipeline.Ml.SimClr;
using Pipeline.Ml.Tests.TestSupport;
using Pipeline.Ml.Training;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Training;

public class ConvLayoutTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void Channels_last_keeps_every_value_and_puts_channels_fastest(int channels)
    {
        TorchTestSetup.Seed(5);
        using var scope = NewDisposeScope();
        var images = rand(2, channels, 5, 7);

        var nhwc = ConvLayout.ForConvolution(images);

        Assert.Equal(images.shape, nhwc.shape);
        Assert.True(ConvLayout.IsChannelsLast(nhwc));
        if (channels > 1)
        {
            Assert.Equal([35L * channels, 1L, 7L * channels, channels], nhwc.stride());
        }
        Assert.True(nhwc.eq(images).all().item<bool>());
        Assert.Same(nhwc, ConvLayout.ForConvolution(nhwc));
    }

    [Fact]
    public void A_contiguous_rgb_batch_is_not_channels_last_and_other_ranks_pass_through()
    {
        using var scope = NewDisposeScope();
        var images = zeros(2, 3, 4, 4);
        var flat = zeros(2, 48);

        Assert.False(ConvLayout.IsChannelsLast(images));
        Assert.Same(flat, ConvLayout.ForConvolution(flat));
    }

    [Fact]
    public void The_resnet_gives_the_same_features_for_both_layouts_and_keeps_channels_last_inside()
    {
        TorchTestSetup.Seed(11);
        using var model = new SimClrModel(new ResNet18BackboneOptions());
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var images = rand(3, 3, 32, 32);

        var nchw = model.Backbone.call(images);
        var nhwc = model.Backbone.call(ConvLayout.ForConvolution(images));
        using var conv = TorchSharp.torch.nn.Conv2d(3, 8, 3, padding: 1);

        Assert.True(nchw.allclose(nhwc, rtol: 1e-4, atol: 1e-5), $"max difference {nchw.sub(nhwc).abs().max().item<float>()}");
        Assert.True(ConvLayout.IsChannelsLast(conv.call(ConvLayout.ForConvolution(images))), "a convolution did not keep the channels-last layout");
    }
}
