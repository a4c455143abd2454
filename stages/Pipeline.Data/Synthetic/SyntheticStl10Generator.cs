using Pipeline.Data.Stl10;

namespace Pipeline.Data.Synthetic;

/// <summary>
/// Writes a synthetic dataset in the STL-10 binary layout (all files plus <c>dataset.json</c>). Every image depends
/// only on (seed, split, index), so the same seed gives byte-identical files; labeled splits are class-balanced.
/// </summary>
public static class SyntheticStl10Generator
{
    /// <summary>Folds written to <c>fold_indices.txt</c>, as in the official dataset.</summary>
    public const int FoldCount = 10;

    /// <summary>Generates the dataset into <paramref name="directory"/> and returns its description.</summary>
    public static DatasetInfo Generate(string directory, SplitCounts counts, int seed, ImageShape? shape = null, CancellationToken cancellationToken = default)
    {
        var imageShape = shape ?? ImageShape.Stl10;
        Directory.CreateDirectory(directory);
        var classCount = Stl10Format.ClassNames.Count;
        foreach (var split in Stl10Format.Splits)
        {
            var count = counts[split];
            var labels = BalancedLabels(count, classCount, new DeterministicRandom(seed, DeterministicRandom.StreamId(split), -1));
            var splitId = DeterministicRandom.StreamId(split);
            Stl10Writer.WriteImages(Path.Combine(directory, Stl10Format.ImagesFile(split)), count, imageShape, (i, stored) =>
            {
                var chw = new byte[imageShape.Bytes];
                SyntheticImageRenderer.Render(labels[i], new DeterministicRandom(seed, splitId, i), imageShape, chw);
                PixelOrder.FromLayout(chw, stored, imageShape, PixelLayout.Chw);
            }, cancellationToken);
            if (Stl10Format.HasLabels(split))
            {
                Stl10Writer.WriteLabels(Path.Combine(directory, Stl10Format.LabelsFile(split)), labels);
            }
        }

        Stl10Writer.WriteClassNames(directory, Stl10Format.ClassNames);
        Stl10Writer.WriteFolds(directory, Folds(counts.Train, new DeterministicRandom(seed, DeterministicRandom.StreamId("folds"))));
        var info = DatasetInfo.ForStl10(counts.ToDictionary()) with { Channels = imageShape.Channels, Height = imageShape.Height, Width = imageShape.Width };
        info.Save(directory);
        return info;
    }

    /// <summary>Zero-based labels cycling through the classes, shuffled: each class gets count/classes images (the first count%classes one more).</summary>
    private static byte[] BalancedLabels(int count, int classCount, DeterministicRandom random)
    {
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % classCount);
        }

        random.Shuffle(labels.AsSpan());
        return labels;
    }

    /// <summary>Ten folds, each a random fifth of the train indices (like the official 1,000 of 5,000).</summary>
    private static List<int[]> Folds(int trainCount, DeterministicRandom random)
    {
        var folds = new List<int[]>(FoldCount);
        var all = Enumerable.Range(0, trainCount).ToArray();
        for (var f = 0; f < FoldCount; f++)
        {
            random.Shuffle(all.AsSpan());
            folds.Add(all[..(trainCount / 5)]);
        }

        return folds;
    }
}
