using Pipeline.Data;
using Pipeline.Data.Stl10;

namespace Pipeline.Stages.Pretrain.Data;

/// <summary>
/// The images one pre-training run reads: one or more splits of a dataset joined into a single index space
/// (unlabeled first), optionally cut to the first <c>max_images</c>. Reads on demand, never the whole file.
/// Safe for one reader thread at a time per batch buffer.
/// </summary>
internal sealed class PretrainImageSource : IDisposable
{
    private readonly List<Stl10SplitReader> readers = [];
    private readonly int[] starts;

    private PretrainImageSource(string directory, IReadOnlyList<string> splits, int? maxImages)
    {
        var dataset = Stl10DatasetReader.Open(directory);
        Shape = dataset.Info.Shape;
        try
        {
            foreach (var split in splits)
            {
                if (!dataset.HasSplit(split))
                {
                    throw new FileNotFoundException($"the dataset in {directory} has no '{split}' split ({Stl10Format.ImagesFile(split)} is missing)");
                }
                readers.Add(dataset.OpenSplit(split));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        starts = new int[readers.Count];
        var total = 0L;
        for (var i = 0; i < readers.Count; i++)
        {
            starts[i] = (int)total;
            total += readers[i].Count;
        }
        Count = (int)Math.Min(total, maxImages ?? int.MaxValue);
    }

    /// <summary>Channels, height and width of every image.</summary>
    public ImageShape Shape { get; }

    /// <summary>How many images the run uses.</summary>
    public int Count { get; }

    /// <summary>Opens <paramref name="splits"/> of the dataset in <paramref name="directory"/>.</summary>
    public static PretrainImageSource Open(string directory, IReadOnlyList<string> splits, int? maxImages = null) =>
        new(directory, splits, maxImages);

    /// <summary>Reads the images at <paramref name="indices"/> into <paramref name="destination"/>, CHW bytes one after another.</summary>
    public void ReadBatch(ReadOnlySpan<int> indices, Span<byte> destination)
    {
        var bytes = Shape.Bytes;
        if (destination.Length != indices.Length * bytes)
        {
            throw new ArgumentException($"{indices.Length} images need {indices.Length * bytes} bytes; the buffer has {destination.Length}", nameof(destination));
        }
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"the run has {Count} images");
            }
            var part = readers.Count - 1;
            while (starts[part] > index)
            {
                part--;
            }
            readers[part].ReadImage(index - starts[part], destination.Slice(i * bytes, bytes));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var reader in readers)
        {
            reader.Dispose();
        }
        readers.Clear();
    }
}
