using Pipeline.Data.Stl10;

namespace Pipeline.Data.Subset;

/// <summary>
/// Writes a subset of a dataset in the same layout: chosen images and labels per split (deterministic from the
/// seed), class names, fold indices remapped to the kept train images, and <c>dataset.json</c> with the new counts.
/// </summary>
public static class Stl10Subsetter
{
    /// <summary>Writes the subset of <paramref name="source"/> into <paramref name="targetDirectory"/> and returns its description.</summary>
    public static DatasetInfo Write(Stl10DatasetReader source, string targetDirectory, SubsetRequest request, int seed, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(targetDirectory);
        var shape = source.Info.Shape;
        var counts = new Dictionary<string, int>();
        int[]? keptTrain = null;
        foreach (var split in Stl10Format.Splits)
        {
            if (!source.HasSplit(split))
            {
                continue;
            }

            using var reader = source.OpenSplit(split);
            var random = new DeterministicRandom(seed, DeterministicRandom.StreamId("subset"), DeterministicRandom.StreamId(split));
            var wanted = request[split];
            if (wanted > reader.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(request), $"subset.{split} asks for {wanted} images but the {split} split has {reader.Count}");
            }

            var kept = wanted is not { } n ? Enumerable.Range(0, reader.Count).ToArray()
                : reader.HasLabels ? SubsetSampler.ClassBalanced(reader.Labels, n, source.Info.ClassNames.Count, random)
                : SubsetSampler.Uniform(reader.Count, n, random);
            Stl10Writer.WriteImages(Path.Combine(targetDirectory, Stl10Format.ImagesFile(split)), kept.Length, shape, (i, stored) => reader.ReadStored(kept[i], stored), cancellationToken);
            if (reader.HasLabels)
            {
                var labels = new byte[kept.Length];
                for (var i = 0; i < kept.Length; i++)
                {
                    labels[i] = reader.Labels[kept[i]];
                }

                Stl10Writer.WriteLabels(Path.Combine(targetDirectory, Stl10Format.LabelsFile(split)), labels);
            }

            counts[split] = kept.Length;
            if (split == Stl10Format.Train)
            {
                keptTrain = kept;
            }
        }

        Stl10Writer.WriteClassNames(targetDirectory, source.Info.ClassNames);
        var folds = source.ReadFolds();
        if (folds.Count > 0 && keptTrain is not null)
        {
            var newIndex = new Dictionary<int, int>(keptTrain.Length);
            for (var i = 0; i < keptTrain.Length; i++)
            {
                newIndex[keptTrain[i]] = i;
            }

            Stl10Writer.WriteFolds(targetDirectory, FoldIndices.Remap(folds, newIndex));
        }

        var info = source.Info with { Splits = counts };
        info.Save(targetDirectory);
        return info;
    }
}
