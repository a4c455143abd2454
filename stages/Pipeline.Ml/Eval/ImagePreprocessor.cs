using Pipeline.Ml.Backbones;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Pipeline.Ml.Eval;

/// <summary>
/// Turns dataset pixels into what an encoder was trained on: uint8 [N, C, H, W] to float in [0, 1], channels matched
/// (<see cref="ChannelAdaptation"/>), resized to <see cref="EncoderInfo.InputSize"/> (bilinear, no antialiasing)
/// when the size differs, then normalised with the encoder's per-channel mean and std. Augmentation, when used,
/// goes between <see cref="ToUnitRange"/> and <see cref="Normalize"/>.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly float[] mean;
    private readonly float[] std;

    /// <summary>Creates the preprocessor for images with <paramref name="sourceChannels"/> channels.</summary>
    /// <exception cref="ArgumentException">The channel counts cannot be matched, or mean/std do not have one value per encoder channel.</exception>
    public ImagePreprocessor(EncoderInfo encoder, int sourceChannels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceChannels, 1);
        var channels = encoder.InputChannels;
        if (encoder.NormalizeMean.Count != channels || encoder.NormalizeStd.Count != channels)
        {
            throw new ArgumentException($"the encoder takes {channels} channels but lists {encoder.NormalizeMean.Count} means and {encoder.NormalizeStd.Count} stds", nameof(encoder));
        }
        if (encoder.NormalizeStd.Any(s => !(s > 0)))
        {
            throw new ArgumentException("every normalize std must be positive", nameof(encoder));
        }
        Adaptation = (sourceChannels, channels) switch
        {
            var (s, e) when s == e => ChannelAdaptation.None,
            (1, _) => ChannelAdaptation.Repeat,
            (_, 1) => ChannelAdaptation.Average,
            _ => throw new ArgumentException($"cannot feed {sourceChannels}-channel images to a {channels}-channel encoder", nameof(sourceChannels)),
        };
        SourceChannels = sourceChannels;
        Channels = channels;
        Size = encoder.InputSize;
        mean = encoder.NormalizeMean.Select(v => (float)v).ToArray();
        std = encoder.NormalizeStd.Select(v => (float)v).ToArray();
    }

    /// <summary>Channels of the dataset images.</summary>
    public int SourceChannels { get; }

    /// <summary>Channels of the output (the encoder's).</summary>
    public int Channels { get; }

    /// <summary>Side of the output in pixels.</summary>
    public int Size { get; }

    /// <summary>How channels are matched.</summary>
    public ChannelAdaptation Adaptation { get; }

    /// <summary>uint8 [N, C_src, H, W] to float [N, C, Size, Size] in [0, 1] (channels matched, resized).</summary>
    public Tensor ToUnitRange(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = pixels.to_type(ScalarType.Float32).div_(255f);
        x = Adaptation switch
        {
            ChannelAdaptation.Repeat => x.expand(-1, Channels, -1, -1).contiguous(),
            ChannelAdaptation.Average => x.mean([1L], keepdim: true),
            _ => x,
        };
        if (x.shape[2] != Size || x.shape[3] != Size)
        {
            x = interpolate(x, size: [Size, Size], mode: InterpolationMode.Bilinear, align_corners: false);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>(x - mean) / std per channel; x is [N, C, H, W] in [0, 1].</summary>
    public Tensor Normalize(Tensor unit)
    {
        using var scope = NewDisposeScope();
        var m = tensor(mean, device: unit.device).view(1, Channels, 1, 1);
        var s = tensor(std, device: unit.device).view(1, Channels, 1, 1);
        return unit.sub(m).div_(s).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="ToUnitRange"/> then <see cref="Normalize"/>.</summary>
    public Tensor Apply(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return Normalize(ToUnitRange(pixels)).MoveToOuterDisposeScope();
    }
}
