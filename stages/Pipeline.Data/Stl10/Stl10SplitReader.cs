using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Pipeline.Data.Stl10;

/// <summary>
/// Reads one split (images and, when present, labels) of a dataset in the STL-10 binary layout. Images are read
/// on demand with positioned reads, so the 2.7 GB unlabeled file is never loaded whole; safe to use from several
/// threads at once.
/// </summary>
public sealed class Stl10SplitReader : IDisposable
{
    private readonly SafeFileHandle _images;
    private readonly byte[]? _labels;

    /// <summary>Opens <c>{split}_X.bin</c> (and <c>{split}_y.bin</c> when it exists) in <paramref name="directory"/>.</summary>
    public Stl10SplitReader(string directory, string split, ImageShape shape)
    {
        Split = split;
        Shape = shape;
        var imagesPath = Path.Combine(directory, Stl10Format.ImagesFile(split));
        if (!File.Exists(imagesPath))
        {
            throw new FileNotFoundException($"split '{split}' has no images file", imagesPath);
        }

        _images = File.OpenHandle(imagesPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(_images);
        if (length % shape.Bytes != 0)
        {
            _images.Dispose();
            throw new InvalidDataException($"{imagesPath}: {length} bytes is not a whole number of {shape.Bytes}-byte images");
        }

        Count = checked((int)(length / shape.Bytes));
        var labelsPath = Path.Combine(directory, Stl10Format.LabelsFile(split));
        if (File.Exists(labelsPath))
        {
            _labels = ReadLabels(labelsPath, Count);
        }
    }

    /// <summary>The split name, for example <c>train</c>.</summary>
    public string Split { get; }

    /// <summary>The size of every image.</summary>
    public ImageShape Shape { get; }

    /// <summary>How many images the split holds.</summary>
    public int Count { get; }

    /// <summary>Whether the split has a labels file.</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>Zero-based labels of every image (the file stores them from 1).</summary>
    public ReadOnlySpan<byte> Labels => _labels ?? throw new InvalidOperationException($"split '{Split}' has no labels");

    /// <summary>The zero-based label of image <paramref name="index"/>.</summary>
    public int Label(int index)
    {
        CheckIndex(index);
        return Labels[index];
    }

    /// <summary>Copies image <paramref name="index"/> as stored on disk (planar, column-major) into <paramref name="destination"/>.</summary>
    public void ReadStored(int index, Span<byte> destination)
    {
        CheckIndex(index);
        if (destination.Length != Shape.Bytes)
        {
            throw new ArgumentException($"the destination must hold {Shape.Bytes} bytes", nameof(destination));
        }

        var offset = (long)index * Shape.Bytes;
        var read = 0;
        while (read < destination.Length)
        {
            var n = RandomAccess.Read(_images, destination[read..], offset + read);
            if (n == 0)
            {
                throw new EndOfStreamException($"split '{Split}': the images file ended inside image {index}");
            }

            read += n;
        }
    }

    /// <summary>Reads image <paramref name="index"/> into <paramref name="destination"/> as bytes in <paramref name="layout"/>.</summary>
    public void ReadImage(int index, Span<byte> destination, PixelLayout layout = PixelLayout.Chw)
    {
        var stored = ArrayPool<byte>.Shared.Rent(Shape.Bytes);
        try
        {
            var image = stored.AsSpan(0, Shape.Bytes);
            ReadStored(index, image);
            PixelOrder.ToLayout(image, destination, Shape, layout);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    /// <summary>Reads image <paramref name="index"/> into <paramref name="destination"/> as floats in [0, 1] in <paramref name="layout"/>.</summary>
    public void ReadImage(int index, Span<float> destination, PixelLayout layout = PixelLayout.Chw)
    {
        var stored = ArrayPool<byte>.Shared.Rent(Shape.Bytes);
        try
        {
            var image = stored.AsSpan(0, Shape.Bytes);
            ReadStored(index, image);
            PixelOrder.ToLayout(image, destination, Shape, layout);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    /// <summary>Reads the images at <paramref name="indices"/> one after another into <paramref name="destination"/> (bytes).</summary>
    public void ReadBatch(ReadOnlySpan<int> indices, Span<byte> destination, PixelLayout layout = PixelLayout.Chw)
    {
        CheckBatch(indices.Length, destination.Length);
        var stored = ArrayPool<byte>.Shared.Rent(Shape.Bytes);
        try
        {
            var image = stored.AsSpan(0, Shape.Bytes);
            for (var i = 0; i < indices.Length; i++)
            {
                ReadStored(indices[i], image);
                PixelOrder.ToLayout(image, destination.Slice(i * Shape.Bytes, Shape.Bytes), Shape, layout);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    /// <summary>Reads the images at <paramref name="indices"/> one after another into <paramref name="destination"/> (floats in [0, 1]).</summary>
    public void ReadBatch(ReadOnlySpan<int> indices, Span<float> destination, PixelLayout layout = PixelLayout.Chw)
    {
        CheckBatch(indices.Length, destination.Length);
        var stored = ArrayPool<byte>.Shared.Rent(Shape.Bytes);
        try
        {
            var image = stored.AsSpan(0, Shape.Bytes);
            for (var i = 0; i < indices.Length; i++)
            {
                ReadStored(indices[i], image);
                PixelOrder.ToLayout(image, destination.Slice(i * Shape.Bytes, Shape.Bytes), Shape, layout);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _images.Dispose();

    private static byte[] ReadLabels(string path, int count)
    {
        var labels = File.ReadAllBytes(path);
        if (labels.Length != count)
        {
            throw new InvalidDataException($"{path}: {labels.Length} labels for {count} images");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 0)
            {
                throw new InvalidDataException($"{path}: label at index {i} is 0; labels are stored from 1");
            }

            labels[i]--;
        }

        return labels;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"split '{Split}' has {Count} images");
        }
    }

    private void CheckBatch(int count, int destinationLength)
    {
        if (destinationLength != (long)count * Shape.Bytes)
        {
            throw new ArgumentException($"{count} images need {(long)count * Shape.Bytes} elements; the destination has {destinationLength}");
        }
    }
}
