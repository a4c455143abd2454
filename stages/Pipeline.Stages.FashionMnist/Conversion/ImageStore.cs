using Pipeline.Data.FashionMnist;

namespace Pipeline.Stages.FashionMnist.Conversion;

/// <summary>The images of one source split that some output split needs, held in memory (row-major, 784 bytes each).</summary>
internal sealed class ImageStore
{
    private readonly int[] _indices;
    private readonly byte[] _pixels;

    private ImageStore(int[] indices, byte[] pixels)
    {
        _indices = indices;
        _pixels = pixels;
    }

    /// <summary>Streams <paramref name="split"/>'s images file once, keeping the images at <paramref name="sortedIndices"/>.</summary>
    public static ImageStore Load(FashionMnistSplit split, int[] sortedIndices, IProgress<int> progress, CancellationToken cancellationToken) =>
        new(sortedIndices, split.ReadImages(sortedIndices, progress, cancellationToken));

    /// <summary>Image <paramref name="sourceIndex"/> of the split (it must be one of the kept indices).</summary>
    public ReadOnlySpan<byte> Image(int sourceIndex)
    {
        var k = Array.BinarySearch(_indices, sourceIndex);
        if (k < 0)
        {
            throw new InvalidOperationException($"image {sourceIndex} was not loaded");
        }

        var bytes = FashionMnistFormat.Shape.Bytes;
        return _pixels.AsSpan(k * bytes, bytes);
    }
}
