namespace Pipeline.Data.FashionMnist;

/// <summary>
/// One split of Fashion-MNIST on disk: its labels (read whole) and its images file, whose header has been checked
/// against the labels (same count, 28x28). Images are streamed by <see cref="ReadImages"/>.
/// </summary>
public sealed class FashionMnistSplit
{
    private FashionMnistSplit(string name, string imagesPath, string labelsPath, byte[] labels)
    {
        Name = name;
        ImagesPath = imagesPath;
        LabelsPath = labelsPath;
        Labels = labels;
    }

    /// <summary>The split name: <c>train</c> or <c>test</c>.</summary>
    public string Name { get; }

    /// <summary>The IDX images file.</summary>
    public string ImagesPath { get; }

    /// <summary>The IDX labels file.</summary>
    public string LabelsPath { get; }

    /// <summary>Zero-based labels, one per image.</summary>
    public byte[] Labels { get; }

    /// <summary>Images in the split.</summary>
    public int Count => Labels.Length;

    /// <summary>
    /// Reads the labels and the images header of <paramref name="split"/> from the two files, checking magic numbers,
    /// the 28x28 size, that both announce the same count and that every label names one of the ten classes.
    /// Problems throw <see cref="InvalidDataException"/> naming the file and what was expected.
    /// </summary>
    public static FashionMnistSplit Open(string split, string imagesPath, string labelsPath)
    {
        var labels = IdxLabelReader.ReadAll(labelsPath);
        var classes = FashionMnistFormat.ClassNames.Count;
        var bad = Array.FindIndex(labels, l => l >= classes);
        if (bad >= 0)
        {
            throw new InvalidDataException($"{labelsPath}: label {labels[bad]} at index {bad}; expected 0..{classes - 1}");
        }

        using var images = IdxImageReader.Open(imagesPath);
        CheckImages(images, labels.Length, labelsPath);
        return new FashionMnistSplit(split, imagesPath, labelsPath, labels);
    }

    /// <summary>
    /// Streams the images file once and returns the images at <paramref name="sortedIndices"/> (ascending, no
    /// repeats), concatenated, each row-major. <paramref name="progress"/> receives how many images were passed.
    /// </summary>
    public byte[] ReadImages(ReadOnlySpan<int> sortedIndices, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var bytes = FashionMnistFormat.Shape.Bytes;
        var kept = new byte[(long)sortedIndices.Length * bytes];
        var scratch = new byte[bytes];
        using var images = IdxImageReader.Open(ImagesPath);
        CheckImages(images, Count, LabelsPath);
        var next = 0;
        for (var i = 0; i < images.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(i);
            }

            var keep = next < sortedIndices.Length && sortedIndices[next] == i;
            images.ReadNext(keep ? kept.AsSpan(next * bytes, bytes) : scratch);
            if (keep)
            {
                next++;
            }
        }

        if (next != sortedIndices.Length)
        {
            throw new ArgumentException($"the indices must be ascending, distinct and below {Count}", nameof(sortedIndices));
        }

        progress?.Report(images.Count);
        return kept;
    }

    private static void CheckImages(IdxImageReader images, int labelCount, string labelsPath)
    {
        var side = FashionMnistFormat.Side;
        if (images.Rows != side || images.Columns != side)
        {
            throw new InvalidDataException($"{images.Path}: images of {images.Rows}x{images.Columns} pixels, expected {side}x{side}");
        }

        if (images.Count != labelCount)
        {
            throw new InvalidDataException($"{images.Path}: {images.Count} images but {labelsPath} has {labelCount} labels; the counts must match");
        }
    }
}
