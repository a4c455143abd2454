using Pipeline.Ml.Backbones;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Backbones;

/// <summary>The width, depth and max-pool options of <see cref="ResNet18Backbone"/> (narrower/shallower ResNets).</summary>
public class NarrowResNetBackboneTests
{
    private static long ParameterCount(ResNet18Backbone backbone) => backbone.parameters().Sum(p => p.numel());

    // A basic-block ResNet's parameters by hand: stem conv + BN, then per stage a first block (two 3x3 convs, two
    // BNs, and a 1x1 conv + BN shortcut when the shape changes) and (blocks - 1) blocks of two 3x3 convs and BNs.
    private static long ExpectedParameters(int inputChannels, int stemKernel, int width, int blocks)
    {
        long count = (inputChannels * width * stemKernel * stemKernel) + (2 * width);
        long inChannels = width;
        for (var stage = 0; stage < 4; stage++)
        {
            long channels = (long)width << stage;
            count += (inChannels * channels * 9) + (2 * channels) + (channels * channels * 9) + (2 * channels);
            if (stage > 0)
            {
                count += (inChannels * channels) + (2 * channels);
            }
            count += (blocks - 1) * ((2 * channels * channels * 9) + (4 * channels));
            inChannels = channels;
        }
        return count;
    }

    [Fact]
    public void Hand_count_matches_torchvisions_resnet18()
    {
        TorchTestSetup.Seed();
        using var backbone = new ResNet18Backbone();

        Assert.Equal(11_689_512 - 513_000, ExpectedParameters(3, 7, 64, 2));
        Assert.Equal(ExpectedParameters(3, 7, 64, 2), ParameterCount(backbone));
    }

    [Theory]
    [InlineData(32, 2, false, 28)]
    [InlineData(16, 1, true, 28)]
    [InlineData(8, 3, false, 32)]
    public void Narrow_backbone_gives_8x_width_features_and_the_hand_counted_parameters(int width, int blocks, bool smallStem, int size)
    {
        TorchTestSetup.Seed();
        var options = new ResNet18BackboneOptions(InputChannels: 1, SmallImageStem: smallStem, Width: width, BlocksPerStage: blocks, MaxPool: false);
        using var backbone = new ResNet18Backbone(options);
        using var scope = NewDisposeScope();

        var features = backbone.call(randn(2, 1, size, size));

        Assert.Equal([2L, 8L * width], features.shape);
        Assert.Equal(8 * width, options.FeatureDimension);
        Assert.Equal(ExpectedParameters(1, smallStem ? 3 : 7, width, blocks), ParameterCount(backbone));
        Assert.False(options.IsResNet18);
    }

    [Fact]
    public void Narrow_backbone_keeps_torchvisions_layer_and_parameter_names()
    {
        TorchTestSetup.Seed();
        using var narrow = new ResNet18Backbone(new ResNet18BackboneOptions(Width: 32));
        using var resnet18 = new ResNet18Backbone();

        Assert.Equal(resnet18.LayerNames, narrow.LayerNames);
        Assert.Equal(
            resnet18.named_parameters().Select(p => p.name),
            narrow.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Without_max_pool_the_ImageNet_stem_halves_28_px_instead_of_quartering()
    {
        TorchTestSetup.Seed();
        using var pooled = new ResNet18Backbone(new ResNet18BackboneOptions(1, Width: 32));
        using var unpooled = new ResNet18Backbone(new ResNet18BackboneOptions(1, Width: 32, MaxPool: false));
        using var scope = NewDisposeScope();
        var input = randn(1, 1, 28, 28);

        Assert.DoesNotContain("maxpool", unpooled.LayerNames);
        Assert.Equal([1L, 32L, 7L, 7L], ThroughLayer1(pooled, input).shape);
        Assert.Equal([1L, 32L, 14L, 14L], ThroughLayer1(unpooled, input).shape);
    }

    [Fact]
    public void Max_pool_follows_the_stem_unless_set()
    {
        Assert.True(new ResNet18BackboneOptions().UsesMaxPool);
        Assert.False(new ResNet18BackboneOptions(SmallImageStem: true).UsesMaxPool);
        Assert.True(new ResNet18BackboneOptions(SmallImageStem: true, MaxPool: true).UsesMaxPool);
        Assert.True(new ResNet18BackboneOptions(SmallImageStem: true).IsResNet18);
        Assert.False(new ResNet18BackboneOptions(MaxPool: false).IsResNet18);
    }

    [Theory]
    [InlineData(0, 2, "Width")]
    [InlineData(2048, 2, "Width")]
    [InlineData(32, 0, "BlocksPerStage")]
    public void Rejects_invalid_width_and_depth(int width, int blocks, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new ResNet18Backbone(new ResNet18BackboneOptions(Width: width, BlocksPerStage: blocks)));

        Assert.Contains(name, error.Message);
    }

    private static Tensor ThroughLayer1(ResNet18Backbone backbone, Tensor input)
    {
        var x = input;
        foreach (var (name, module) in backbone.named_modules().Where(m => m.name.Count(c => c == '.') == 1))
        {
            x = ((nn.Module<Tensor, Tensor>)module).call(x);
            if (name.EndsWith("layer1", StringComparison.Ordinal))
            {
                break;
            }
        }
        return x;
    }
}
