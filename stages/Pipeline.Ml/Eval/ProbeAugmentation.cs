using static TorchSharp.torch;

namespace Pipeline.Ml.Eval;

/// <summary>
/// The light train-time augmentation of the reference linear probe, per sample and seeded: horizontal flip (p 0.5),
/// colour jitter (p <see cref="JitterProbability"/>: brightness, contrast and saturation factors drawn from
/// [1 - s, 1 + s], applied in that fixed order, no hue) and random grayscale (p <see cref="GrayscaleProbability"/>,
/// 3-channel images only). Works on float [N, C, H, W] in [0, 1], before normalisation; every draw comes from one
/// CPU generator, so a seed fixes the sequence on any device.
/// </summary>
public sealed class ProbeAugmentation : IDisposable
{
    private readonly Generator generator;

    /// <summary>Creates the augmentation with its own generator seeded by <paramref name="seed"/>.</summary>
    public ProbeAugmentation(long seed, double jitterStrength = 0.4, double jitterProbability = 0.1, double grayscaleProbability = 0.1, double flipProbability = 0.5)
    {
        generator = new Generator(unchecked((ulong)seed), CPU);
        JitterStrength = jitterStrength;
        JitterProbability = jitterProbability;
        GrayscaleProbability = grayscaleProbability;
        FlipProbability = flipProbability;
    }

    /// <summary>Half-width s of the brightness, contrast and saturation factor ranges.</summary>
    public double JitterStrength { get; }

    /// <summary>Probability that a sample is colour-jittered.</summary>
    public double JitterProbability { get; }

    /// <summary>Probability that a sample is turned gray.</summary>
    public double GrayscaleProbability { get; }

    /// <summary>Probability that a sample is mirrored left to right.</summary>
    public double FlipProbability { get; }

    /// <summary>An augmented copy of <paramref name="images"/> (float [N, C, H, W] in [0, 1]).</summary>
    public Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        var n = images.shape[0];
        var channels = images.shape[1];
        var device = images.device;
        Tensor Draw() => rand([n, 1, 1, 1], generator: generator).to(device);
        Tensor Factor() => Draw().mul(2 * JitterStrength).add(1 - JitterStrength);

        var x = images;
        var flip = Draw().lt(FlipProbability);
        x = where(flip, x.flip(3), x);

        var jitter = Draw().lt(JitterProbability);
        var jittered = x.mul(Factor()).clamp(0, 1);
        var contrastMean = Gray(jittered).mean([1L, 2L, 3L], keepdim: true);
        jittered = jittered.sub(contrastMean).mul(Factor()).add(contrastMean).clamp(0, 1);
        if (channels == 3)
        {
            var gray = Gray(jittered);
            jittered = jittered.sub(gray).mul(Factor()).add(gray).clamp(0, 1);
        }
        x = where(jitter, jittered, x);

        var grayscale = Draw().lt(GrayscaleProbability);
        if (channels == 3)
        {
            x = where(grayscale, Gray(x).expand(-1, 3, -1, -1), x);
        }
        return x.contiguous().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => generator.Dispose();

    // ITU-R 601 luma, as torchvision's rgb_to_grayscale; a 1-channel image is its own gray.
    private static Tensor Gray(Tensor x) =>
        x.shape[1] == 3
            ? x[.., 0..1].mul(0.299).add(x[.., 1..2].mul(0.587)).add(x[.., 2..3].mul(0.114))
            : x.mean([1L], keepdim: true);
}
