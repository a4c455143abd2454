using TorchSharp;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Backbones;

public class ResNet18BackboneTests
{
    // torchvision resnet18: 11,689,512 parameters, of which fc holds 512*1000 + 1000 = 513,000.
    private const long ResNet18WithoutFc = 11_689_512 - 513_000;

    private static long ParameterCount(ResNet18Backbone backbone) => backbone.parameters().Sum(p => p.numel());

    [Fact]
    public void ImageNet_stem_gives_512_features()
    {
        TorchTestSetup.Seed();
        using var backbone = new ResNet18Backbone();
        using var scope = NewDisposeScope();

        var features = backbone.call(randn(2, 3, 64, 64));

        Assert.Equal([2L, 512L], features.shape);
        Assert.Equal(ResNet18WithoutFc, ParameterCount(backbone));
    }

    [Fact]
    public void Layers_are_torchvision_children_without_fc_ending_in_flatten()
    {
        TorchTestSetup.Seed();
        using var backbone = new ResNet18Backbone();

        Assert.Equal(
            ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "flatten"],
            backbone.LayerNames);
    }

    [Fact]
    public void Small_image_stem_gives_512_features_at_32_px()
    {
        TorchTestSetup.Seed();
        using var backbone = new ResNet18Backbone(new ResNet18BackboneOptions(SmallImageStem: true));
        using var scope = NewDisposeScope();

        var features = backbone.call(randn(3, 3, 32, 32));

        Assert.Equal([3L, 512L], features.shape);
        // The 7x7 stem conv (64*3*49) becomes 3x3 (64*3*9).
        Assert.Equal(ResNet18WithoutFc - (64 * 3 * 49) + (64 * 3 * 9), ParameterCount(backbone));
    }

    [Fact]
    public void Small_image_stem_keeps_the_resolution_the_ImageNet_stem_quarters()
    {
        TorchTestSetup.Seed();
        using var small = new ResNet18Backbone(new ResNet18BackboneOptions(SmallImageStem: true));
        using var large = new ResNet18Backbone();
        using var scope = NewDisposeScope();
        var input = randn(1, 3, 32, 32);

        // After the stem and layer1: 32x32 with the small stem, 8x8 with conv stride 2 + max-pool stride 2.
        Assert.Equal([1L, 64L, 32L, 32L], PrefixThroughLayer1(small, input).shape);
        Assert.Equal([1L, 64L, 8L, 8L], PrefixThroughLayer1(large, input).shape);
    }

    [Fact]
    public void Grayscale_input_gives_512_features()
    {
        TorchTestSetup.Seed();
        using var backbone = new ResNet18Backbone(new ResNet18BackboneOptions(InputChannels: 1, SmallImageStem: true));
        using var scope = NewDisposeScope();

        var features = backbone.call(randn(2, 1, 28, 28));

        Assert.Equal([2L, 512L], features.shape);
    }

    [Fact]
    public void Parameters_keep_torchvisions_names_and_order()
    {
        TorchTestSetup.Seed();
        using var torchvisionResNet = torchvision.models.resnet18();
        using var backbone = new ResNet18Backbone();

        var expected = torchvisionResNet.named_parameters().Select(p => p.name).Where(name => !name.StartsWith("fc.", StringComparison.Ordinal)).ToList();
        var actual = backbone.named_parameters().Select(p => p.name.Substring("features.".Length)).ToList();

        Assert.Equal(expected, actual);
        Assert.Contains("layer4.0.downsample.0.weight", actual);
    }

    [Theory]
    [InlineData(32)] // layer4 runs on 2x2 then 1x1 maps: its convolutions are single-position products
    [InlineData(64)] // layer4 on 2x2 maps: every convolution stays a convolution
    public void Features_and_gradients_equal_torchvisions_resnet_from_the_same_seed(int size)
    {
        TorchTestSetup.Seed(7);
        using var torchvisionResNet = torchvision.models.resnet18();
        TorchTestSetup.Seed(7);
        using var backbone = new ResNet18Backbone();
        using var scope = NewDisposeScope();
        var input = randn(6, 3, size, size);

        var reference = input;
        foreach (var (name, module) in torchvisionResNet.named_children().Where(c => c.name != "fc"))
        {
            reference = ((nn.Module<Tensor, Tensor>)module).call(reference);
        }
        reference = reference.flatten(1);
        var features = backbone.call(input);
        var upstream = arange(features.numel(), dtype: float32).reshape(features.shape).cos();
        (reference * upstream).sum().backward();
        (features * upstream).sum().backward();

        Assert.True((reference - features).abs().max().item<float>() < 1e-4f);
        var torchvisionGrads = torchvisionResNet.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
        foreach (var (name, parameter) in backbone.named_parameters())
        {
            var expected = torchvisionGrads[name.Substring("features.".Length)]!;
            var difference = (expected - parameter.grad!).abs().max().item<float>();
            Assert.True(difference <= 1e-4f * Math.Max(1f, expected.abs().max().item<float>()), $"{name}: gradient differs by {difference}");
        }
    }

    [Fact]
    public void Rejects_zero_input_channels()
    {
        var error = Assert.Throws<ArgumentException>(() => new ResNet18Backbone(new ResNet18BackboneOptions(InputChannels: 0)));

        Assert.Contains("InputChannels", error.Message);
    }

    private static Tensor PrefixThroughLayer1(ResNet18Backbone backbone, Tensor input)
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
