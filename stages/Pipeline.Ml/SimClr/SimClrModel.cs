using Pipeline.Ml.Backbones;
using Pipeline.Ml.Heads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Ml.SimClr;

/// <summary>
/// The SimCLR network (Chen et al. 2020, figure 2): encoder f(·) then projection head g(·).
/// Images [N, C, H, W] to projections [N, OutputDimension]; <see cref="Backbone"/> alone gives the [N, 512]
/// ([N, 8·Width] for a narrower backbone) representations used after pre-training (linear evaluation, embeddings).
/// </summary>
public sealed class SimClrModel : Module<Tensor, Tensor>
{
    private readonly ResNet18Backbone backbone;
    private readonly SimClrProjectionHead head;

    /// <summary>Builds backbone and head; the head's input width is set to the backbone's feature width.</summary>
    public SimClrModel(ResNet18BackboneOptions? backboneOptions = null, SimClrProjectionHeadOptions? headOptions = null)
        : base(nameof(SimClrModel))
    {
        backbone = new ResNet18Backbone(backboneOptions);
        head = new SimClrProjectionHead((headOptions ?? new SimClrProjectionHeadOptions()) with
        {
            InputDimension = backbone.Options.FeatureDimension,
        });
        RegisterComponents();
    }

    /// <summary>The encoder f(·): images [N, C, H, W] to features [N, 512] (ResNet-18; [N, 8·Width] in general).</summary>
    public ResNet18Backbone Backbone => backbone;

    /// <summary>The projection head g(·): features [N, 512] to projections [N, OutputDimension].</summary>
    public SimClrProjectionHead Head => head;

    /// <summary>Projections of a batch of images.</summary>
    /// <param name="input">Images [N, C, H, W].</param>
    /// <returns>Projections [N, OutputDimension].</returns>
    public override Tensor forward(Tensor input) => head.call(backbone.call(input));
}
