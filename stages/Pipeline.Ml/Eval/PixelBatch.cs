using static TorchSharp.torch;

namespace Pipeline.Ml.Eval;

/// <summary>Reads images from an <see cref="IImageBatchSource"/> into a tensor.</summary>
public static class PixelBatch
{
    /// <summary>The images at <paramref name="indices"/> as a uint8 CPU tensor [N, C, H, W].</summary>
    public static Tensor Read(IImageBatchSource source, ReadOnlySpan<int> indices)
    {
        var imageBytes = source.Channels * source.Height * source.Width;
        var buffer = new byte[(long)indices.Length * imageBytes];
        source.ReadBatch(indices, buffer);
        return tensor(buffer, [indices.Length, source.Channels, source.Height, source.Width], dtype: ScalarType.Byte);
    }
}
