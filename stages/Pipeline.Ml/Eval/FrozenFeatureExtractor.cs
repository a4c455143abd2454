using Pipeline.Ml.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Ml.Eval;

/// <summary>
/// Features from a frozen encoder: the module is put in eval() mode, its parameters stop requiring gradients, and
/// every forward runs under no_grad in its own dispose scope. The encoder can be a backbone (features [N, 512]) or,
/// for a pixel baseline, a flatten (features [N, C*H*W] of the normalised pixels).
/// </summary>
public sealed class FrozenFeatureExtractor
{
    private readonly nn.Module<Tensor, Tensor> encoder;

    /// <summary>Freezes <paramref name="encoder"/> and moves it to <paramref name="device"/>.</summary>
    public FrozenFeatureExtractor(nn.Module<Tensor, Tensor> encoder, ImagePreprocessor preprocessor, Device device)
    {
        this.encoder = encoder;
        Preprocessor = preprocessor;
        Device = device;
        encoder.to(device);
        encoder.eval();
        foreach (var parameter in encoder.parameters())
        {
            parameter.requires_grad = false;
        }
    }

    /// <summary>The preprocessing applied before the encoder.</summary>
    public ImagePreprocessor Preprocessor { get; }

    /// <summary>Where the encoder runs.</summary>
    public Device Device { get; }

    /// <summary>Features of one batch: uint8 pixels [N, C, H, W] (any device) to float features [N, D] on the CPU.</summary>
    /// <param name="pixels">The batch as read from the dataset.</param>
    /// <param name="augmentation">Applied in [0, 1] pixel space before normalisation; null for none.</param>
    public Tensor Extract(Tensor pixels, ProbeAugmentation? augmentation = null)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var unit = Preprocessor.ToUnitRange(pixels.to(Device));
        if (augmentation is not null)
        {
            unit = augmentation.Apply(unit);
        }
        var features = encoder.call(ConvLayout.ForConvolution(Preprocessor.Normalize(unit)));
        return features.to(CPU).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Features of the images at <paramref name="indices"/> of <paramref name="source"/>, in that order: [N, D] on the CPU.</summary>
    /// <param name="source">Where the images come from.</param>
    /// <param name="indices">Which images, in output order.</param>
    /// <param name="batchSize">Images per forward.</param>
    /// <param name="progress">Called after each batch with the images done so far.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public Tensor ExtractAll(IImageBatchSource source, IReadOnlyList<int> indices, int batchSize, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var ordered = indices.ToArray();
        var parts = new List<Tensor>();
        try
        {
            for (var start = 0; start < ordered.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(batchSize, ordered.Length - start);
                using var pixels = PixelBatch.Read(source, ordered.AsSpan(start, count));
                parts.Add(Extract(pixels));
                progress?.Invoke(start + count);
            }
            if (parts.Count == 0)
            {
                return empty(0, 0);
            }
            return cat(parts, 0);
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }
}
