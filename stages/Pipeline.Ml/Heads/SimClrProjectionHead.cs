using Pipeline.Ml.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Ml.Heads;

/// <summary>
/// The SimCLR projection head g(·) (Chen et al. 2020, "A Simple Framework for Contrastive Learning of Visual
/// Representations", section 2.1), shaped as lightly's <c>SimCLRProjectionHead</c>: Linear, [BatchNorm1d], ReLU
/// for each hidden layer, then Linear. Input [N, InputDimension] to projection [N, OutputDimension].
/// </summary>
public sealed class SimClrProjectionHead : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Builds the head; the defaults are lightly's <c>SimCLRProjectionHead(512, 512, 128)</c>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SimClrProjectionHead(SimClrProjectionHeadOptions? options = null) : base(nameof(SimClrProjectionHead))
    {
        options ??= new SimClrProjectionHeadOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        TorchNative.EnsureLoaded();
        Options = options;

        var blocks = new List<(string Name, Module<Tensor, Tensor> Module)>();
        var width = options.InputDimension;
        for (var i = 0; i < options.Layers - 1; i++)
        {
            // As lightly: a linear followed by BatchNorm has no bias (the norm's shift replaces it).
            blocks.Add(($"linear{i}", Linear(width, options.HiddenDimension, hasBias: !options.BatchNorm)));
            if (options.BatchNorm)
            {
                blocks.Add(($"bn{i}", BatchNorm1d(options.HiddenDimension)));
            }
            blocks.Add(($"relu{i}", ReLU()));
            width = options.HiddenDimension;
        }
        blocks.Add(($"linear{options.Layers - 1}", Linear(width, options.OutputDimension)));
        layers = Sequential(blocks);
        RegisterComponents();
    }

    /// <summary>The options this head was built with.</summary>
    public SimClrProjectionHeadOptions Options { get; }

    /// <summary>Names of the layers in call order.</summary>
    public IReadOnlyList<string> LayerNames => layers.named_children().Select(c => c.name).ToList();

    /// <summary>Projects features.</summary>
    /// <param name="input">Features [N, InputDimension].</param>
    /// <returns>Projections [N, OutputDimension].</returns>
    public override Tensor forward(Tensor input) => layers.call(input);
}
