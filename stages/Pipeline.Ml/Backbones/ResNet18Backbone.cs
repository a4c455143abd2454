using Pipeline.Ml.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Ml.Backbones;

/// <summary>
/// ResNet-18 (He et al. 2016, "Deep Residual Learning for Image Recognition") as torchvision builds it,
/// randomly initialised, without the classifier: input [N, C, H, W] to features [N, 512].
/// The layers are torchvision's children in order, minus <c>fc</c>, ending in global average pooling and
/// a flatten; <c>skipfc</c> of torchvision only affects weight loading, so <c>fc</c> is dropped here.
/// Options other than the defaults of <see cref="ResNet18BackboneOptions.Width"/>,
/// <see cref="ResNet18BackboneOptions.BlocksPerStage"/> and <see cref="ResNet18BackboneOptions.MaxPool"/> build the
/// same layers (same names, same initialisation) narrower, shallower or without the max-pool: input [N, C, H, W]
/// to features [N, 8·Width].
/// </summary>
public sealed class ResNet18Backbone : Module<Tensor, Tensor>
{
    /// <summary>Width of ResNet-18's feature vector (the default options); <see cref="ResNet18BackboneOptions.FeatureDimension"/> gives any options'.</summary>
    public const int FeatureDimension = 512;

    private readonly Sequential features;

    /// <summary>Builds the backbone; the default options give torchvision's ImageNet stem for 3-channel input.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ResNet18Backbone(ResNet18BackboneOptions? options = null) : base(nameof(ResNet18Backbone))
    {
        options ??= new ResNet18BackboneOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        TorchNative.EnsureLoaded();
        Options = options;

        var layers = options.IsResNet18 ? TorchvisionLayers(options) : ResNetLayers.Build(options);
        if (layers[^1].Name != "flatten")
        {
            layers.Add(("flatten", Flatten()));
        }
        features = Sequential(layers);
        RegisterComponents();
    }

    /// <summary>The options this backbone was built with.</summary>
    public ResNet18BackboneOptions Options { get; }

    /// <summary>Names of the layers in call order (torchvision's names).</summary>
    public IReadOnlyList<string> LayerNames => features.named_children().Select(c => c.name).ToList();

    /// <summary>Features of a batch.</summary>
    /// <param name="input">Images [N, C, H, W], C = <see cref="ResNet18BackboneOptions.InputChannels"/>.</param>
    /// <returns>Features [N, 512] (ResNet-18; [N, 8·Width] in general).</returns>
    public override Tensor forward(Tensor input) => features.call(input);

    private static List<(string Name, Module<Tensor, Tensor> Module)> TorchvisionLayers(ResNet18BackboneOptions options)
    {
        var resnet = torchvision.models.resnet18();
        var layers = new List<(string Name, Module<Tensor, Tensor> Module)>();
        foreach (var (name, child) in resnet.named_children())
        {
            if (name == "fc")
            {
                continue;
            }
            layers.Add((name, Adapt(name, (Module<Tensor, Tensor>)child, options)));
        }
        return layers;
    }

    private static Module<Tensor, Tensor> Adapt(string name, Module<Tensor, Tensor> child, ResNet18BackboneOptions options)
    {
        switch (name)
        {
            case "conv1" when options.SmallImageStem:
                return KaimingConv(options.InputChannels, kernelSize: 3, stride: 1, padding: 1);
            case "conv1" when options.InputChannels != 3:
                return KaimingConv(options.InputChannels, kernelSize: 7, stride: 2, padding: 3);
            case "maxpool" when options.SmallImageStem:
                return Identity();
            case "layer1" or "layer2" or "layer3" or "layer4":
                // The same blocks, run by ResidualBlock so that a convolution with a 1x1 output (layer4 at 32 px)
                // is one matrix product: see SinglePositionConvolution.
                return Sequential(child.named_children()
                    .Select(block => (block.name, (Module<Tensor, Tensor>)new ResidualBlock(block.module)))
                    .ToArray());
            default:
                return child;
        }
    }

    // torchvision initialises every conv with Kaiming-normal (fan_out, ReLU); a replaced stem keeps that.
    private static Conv2d KaimingConv(int inputChannels, long kernelSize, long stride, long padding)
    {
        var conv = Conv2d(inputChannels, 64, kernelSize, stride: stride, padding: padding, bias: false);
        init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
        return conv;
    }
}
