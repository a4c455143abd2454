using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Ml.Backbones;

/// <summary>
/// The layers of a ResNet built from basic blocks (He et al. 2016) of any width and depth, named and initialised
/// as torchvision names and initialises ResNet-18's (conv1, bn1, relu, maxpool, layer1..layer4, avgpool, flatten;
/// each block conv1, bn1, relu1, conv2, bn2, downsample; Kaiming-normal fan-out convolutions, BatchNorm at 1 and 0).
/// Stage i has Width·2^i channels and halves the resolution from the second stage on.
/// </summary>
internal static class ResNetLayers
{
    public static List<(string Name, Module<Tensor, Tensor> Module)> Build(ResNet18BackboneOptions options)
    {
        var width = options.Width;
        var layers = new List<(string Name, Module<Tensor, Tensor> Module)>
        {
            ("conv1", options.SmallImageStem
                ? Conv(options.InputChannels, width, kernelSize: 3, stride: 1, padding: 1)
                : Conv(options.InputChannels, width, kernelSize: 7, stride: 2, padding: 3)),
            ("bn1", BatchNorm2d(width)),
            ("relu", ReLU(inplace: true)),
        };
        if (options.UsesMaxPool)
        {
            layers.Add(("maxpool", MaxPool2d(kernel_size: 3, stride: 2, padding: 1)));
        }
        var inChannels = width;
        for (var stage = 0; stage < 4; stage++)
        {
            var channels = width << stage;
            var blocks = new List<(string, Module<Tensor, Tensor>)>();
            for (var b = 0; b < options.BlocksPerStage; b++)
            {
                var stride = stage > 0 && b == 0 ? 2 : 1;
                blocks.Add((b.ToString(System.Globalization.CultureInfo.InvariantCulture), new ResidualBlock(BasicBlock(inChannels, channels, stride))));
                inChannels = channels;
            }
            layers.Add(($"layer{stage + 1}", Sequential(blocks)));
        }
        layers.Add(("avgpool", AdaptiveAvgPool2d([1, 1])));
        layers.Add(("flatten", Flatten()));
        return layers;
    }

    // The children of torchvision's BasicBlock, in its order, for ResidualBlock to take over.
    private static Sequential BasicBlock(int inChannels, int channels, int stride)
    {
        var children = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv1", Conv(inChannels, channels, kernelSize: 3, stride: stride, padding: 1)),
            ("bn1", BatchNorm2d(channels)),
            ("relu1", ReLU(inplace: true)),
            ("conv2", Conv(channels, channels, kernelSize: 3, stride: 1, padding: 1)),
            ("bn2", BatchNorm2d(channels)),
        };
        if (stride != 1 || inChannels != channels)
        {
            children.Add(("downsample", Sequential(
                ("0", (Module<Tensor, Tensor>)Conv(inChannels, channels, kernelSize: 1, stride: stride, padding: 0)),
                ("1", BatchNorm2d(channels)))));
        }
        return Sequential(children);
    }

    private static Conv2d Conv(int inChannels, int outChannels, long kernelSize, long stride, long padding)
    {
        var conv = Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding, bias: false);
        init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
        return conv;
    }
}
