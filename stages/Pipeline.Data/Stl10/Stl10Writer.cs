using Pipeline.Stages.Abstractions;

namespace Pipeline.Data.Stl10;

/// <summary>Writes files in the STL-10 binary layout; every file is written under a temporary name and renamed into place.</summary>
public static class Stl10Writer
{
    /// <summary>
    /// Writes <paramref name="count"/> images to <paramref name="path"/>; <paramref name="fillStored"/> fills image i
    /// in the on-disk order (use <see cref="PixelOrder.FromLayout"/> to convert from CHW or HWC). Images of a batch
    /// are filled in parallel, so <paramref name="fillStored"/> must be thread-safe; the file is the same either way.
    /// </summary>
    public static void WriteImages(string path, int count, ImageShape shape, Action<int, Span<byte>> fillStored, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        const int batch = 64;
        AtomicFile.Write(path, stream =>
        {
            var buffer = new byte[shape.Bytes * Math.Min(batch, Math.Max(count, 1))];
            for (var start = 0; start < count; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(batch, count - start);
                var first = start;
                Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                {
                    var image = buffer.AsSpan(i * shape.Bytes, shape.Bytes);
                    image.Clear();
                    fillStored(first + i, image);
                });

                stream.Write(buffer, 0, n * shape.Bytes);
            }
        });
    }

    /// <summary>Writes zero-based <paramref name="labels"/> to <paramref name="path"/> as STL-10 stores them (from 1).</summary>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels)
    {
        var stored = new byte[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == byte.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"label {labels[i]} at index {i} does not fit a byte once stored from 1");
            }

            stored[i] = (byte)(labels[i] + 1);
        }

        AtomicFile.WriteAllBytes(path, stored);
    }

    /// <summary>Writes <c>class_names.txt</c> into <paramref name="directory"/>.</summary>
    public static void WriteClassNames(string directory, IEnumerable<string> classNames) =>
        AtomicFile.WriteAllText(Path.Combine(directory, Stl10Format.ClassNamesFile), string.Concat(classNames.Select(n => n + "\n")));

    /// <summary>Writes <c>fold_indices.txt</c> into <paramref name="directory"/>.</summary>
    public static void WriteFolds(string directory, IEnumerable<int[]> folds) =>
        AtomicFile.WriteAllText(Path.Combine(directory, Stl10Format.FoldIndicesFile), FoldIndices.Format(folds));
}
