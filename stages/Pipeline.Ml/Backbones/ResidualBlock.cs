using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Ml.Backbones;

/// <summary>
/// torchvision's ResNet basic block (conv1, bn1, relu1, conv2, bn2, optional downsample), holding the very
/// modules of a block torchvision built (same parameters, names and initialisation), with the same forward
/// except that each convolution goes through <see cref="SinglePositionConvolution.Apply"/>, so a convolution
/// with a 1x1 output runs as one matrix product.
/// </summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Module<Tensor, Tensor> bn1;
    private readonly Module<Tensor, Tensor> relu1;
    private readonly Conv2d conv2;
    private readonly Module<Tensor, Tensor> bn2;
    private readonly IReadOnlyList<Module<Tensor, Tensor>> downsample;

    /// <param name="block">A torchvision <c>BasicBlock</c>; its children are taken over under their names, in their order.</param>
    /// <exception cref="ArgumentException">The block does not have a basic block's children.</exception>
    public ResidualBlock(Module block) : base("BasicBlock")
    {
        var children = block.named_children().ToList();
        var byName = children.ToDictionary(c => c.name, c => c.module);
        string[] expected = ["conv1", "bn1", "relu1", "conv2", "bn2"];
        if (expected.Any(name => !byName.ContainsKey(name)) || byName["conv1"] is not TorchSharp.Modules.Conv2d || byName["conv2"] is not TorchSharp.Modules.Conv2d)
        {
            throw new ArgumentException(
                $"expected a basic block with children {string.Join(", ", expected)} (convolutions) and an optional downsample; got {string.Join(", ", byName.Keys)}",
                nameof(block));
        }
        conv1 = (Conv2d)byName["conv1"];
        bn1 = (Module<Tensor, Tensor>)byName["bn1"];
        relu1 = (Module<Tensor, Tensor>)byName["relu1"];
        conv2 = (Conv2d)byName["conv2"];
        bn2 = (Module<Tensor, Tensor>)byName["bn2"];
        downsample = byName.TryGetValue("downsample", out var shortcut)
            ? shortcut.children().Cast<Module<Tensor, Tensor>>().ToList()
            : [];
        // Registered in torchvision's order so that parameters() and the state dict read as torchvision's block.
        foreach (var (name, module) in children)
        {
            register_module(name, module);
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var x = relu1.call(bn1.call(SinglePositionConvolution.Apply(conv1, input)));
        x = bn2.call(SinglePositionConvolution.Apply(conv2, x));
        var identity = input;
        foreach (var layer in downsample)
        {
            identity = layer is TorchSharp.Modules.Conv2d conv ? SinglePositionConvolution.Apply(conv, identity) : layer.call(identity);
        }
        return x.add_(identity).relu_();
    }
}
