using Microsoft.Extensions.Logging;
using Pipeline.Data;
using Pipeline.Data.Stl10;
using Pipeline.Ml.Augment;
using Pipeline.Ml.Native;
using Pipeline.Stages.Abstractions;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Pipeline.Stages.AugmentPreview;

/// <summary>
/// <c>augment-preview</c>: draws a few images with the pipeline seed and writes, per augmentation variant,
/// <c>&lt;variant&gt;.png</c> with the originals and two SimCLR views side by side, so the strength of an
/// augmentation can be judged by eye before pretraining with it.
/// </summary>
public sealed class AugmentPreviewStage : Stage<AugmentPreviewParams>
{
    /// <summary>The input name.</summary>
    public const string InputName = "dataset";

    /// <summary>The output name.</summary>
    public const string OutputName = "previews";

    /// <inheritdoc />
    public override string TypeName => "augment-preview";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "PNG grids of SimCLR views (originals, view 1, view 2) for each augmentation variant";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } =
        [new PortSpec(InputName, ArtifactTypes.Dataset, "the images to augment")];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
        [new PortSpec(OutputName, ArtifactTypes.Images, "one <variant>.png per variant")];

    /// <inheritdoc />
    protected override Task RunAsync(StageContext context, AugmentPreviewParams parameters, CancellationToken cancellationToken)
    {
        TorchRuntime.Configure(context.Seed);
        var reader = Stl10DatasetReader.Open(context.Input(InputName));
        if (!reader.HasSplit(parameters.Split))
        {
            throw new StageFailedException($"split: the dataset at {reader.Directory} has no '{parameters.Split}' images");
        }

        using var split = reader.OpenSplit(parameters.Split);
        var count = Math.Min(parameters.Samples, split.Count);
        if (count == 0)
        {
            throw new StageFailedException($"split: '{parameters.Split}' holds no images");
        }

        if (count < parameters.Samples)
        {
            context.Logger.LogWarning("split '{Split}' holds {Count} images; showing all of them instead of {Samples}", parameters.Split, split.Count, parameters.Samples);
        }

        var shape = split.Shape;
        var indices = SampleIndices.Draw(split.Count, count, context.Seed);
        var pixels = new byte[count * shape.Bytes];
        split.ReadBatch(indices, pixels);
        context.Reporter.LogParam("sample_indices", string.Join(",", indices));

        using var scope = NewDisposeScope();
        var images = tensor(pixels, [count, shape.Channels, shape.Height, shape.Width]);
        var originals = Originals(images, parameters.InputSize);
        var output = context.Output(OutputName);
        var variants = parameters.Variants.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
        for (var v = 0; v < variants.Count; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (name, variant) = variants[v];
            using var variantScope = NewDisposeScope();
            var options = (variant ?? new AugmentVariant()).ToOptions(parameters.InputSize);
            using var transform = new SimClrTransform(options, shape.Channels);
            // Every variant starts from the same generator state, so variants differ only by their knobs.
            using var generator = new Generator(unchecked((ulong)context.Seed));
            var view1 = transform.Forward(images, generator);
            var view2 = transform.Forward(images, generator);
            var path = Path.Combine(output, $"{name}.png");
            AtomicFile.Write(path, stream => PreviewGrid.WritePng([originals, view1, view2], stream));
            context.Reporter.LogArtifact(path, OutputName);
            context.Reporter.Progress(new ProgressUpdate("variants", v + 1, variants.Count, "variants", name));
            context.Logger.LogInformation("wrote {Path}", path);
        }

        return Task.CompletedTask;
    }

    // The images as floats in [0, 1], resized (bilinear) to the view size when they differ from it.
    private static Tensor Originals(Tensor images, int size)
    {
        var floats = images.to(ScalarType.Float32).div_(255);
        return images.shape[2] == size && images.shape[3] == size
            ? floats
            : interpolate(floats, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
