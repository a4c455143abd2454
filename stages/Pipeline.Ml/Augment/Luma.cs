using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// ITU-R 601-2 luma, L = 0.299 R + 0.587 G + 0.114 B (the weights of PIL's <c>convert("L")</c>), used by the
/// grayscale transform and by colour jitter's contrast and saturation.
/// </summary>
public static class Luma
{
    /// <summary>Red, green and blue weights.</summary>
    public static IReadOnlyList<float> Weights { get; } = [0.299f, 0.587f, 0.114f];

    /// <summary>The luma of <paramref name="rgb"/> [n, 3, H, W] as [n, 1, H, W] (one batched matrix product).</summary>
    public static Tensor Of(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var (n, h, w) = (rgb.shape[0], rgb.shape[2], rgb.shape[3]);
        var weights = tensor(Weights.ToArray(), [1, 3], rgb.dtype, rgb.device);
        return matmul(weights, rgb.reshape(n, 3, h * w)).view(n, 1, h, w).MoveToOuterDisposeScope();
    }

    /// <summary>Per-image mean luma of [n, 3, H, W] (or the mean of [n, 1, H, W]) as [n, 1, 1, 1].</summary>
    public static Tensor Mean(Tensor images)
    {
        using var scope = NewDisposeScope();
        var channelMeans = images.mean([2, 3]); // [n, C]
        var mean = images.shape[1] == 1
            ? channelMeans
            : matmul(channelMeans, tensor(Weights.ToArray(), [3, 1], images.dtype, images.device));
        return mean.view(-1, 1, 1, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The grayscale transform: luma replicated to 3 channels, [n, 3, H, W] to a new [n, 3, H, W].</summary>
    public static Tensor ToGrayscale(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        return Of(rgb).expand(rgb.shape).contiguous().MoveToOuterDisposeScope();
    }
}
