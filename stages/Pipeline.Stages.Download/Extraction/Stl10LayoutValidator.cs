using Pipeline.Data;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Extraction;

/// <summary>Checks an extracted STL-10 folder: every file present, image files a whole number of images matching the label count, labels in range, the ten class names.</summary>
public static class Stl10LayoutValidator
{
    /// <summary>Returns the image count per split, or throws a <see cref="StageFailedException"/> listing every problem found.</summary>
    public static SplitCounts Validate(string directory)
    {
        var problems = new List<string>();
        var counts = new Dictionary<string, int>();
        var classCount = Stl10Format.ClassNames.Count;
        foreach (var split in Stl10Format.Splits)
        {
            var images = new FileInfo(Path.Combine(directory, Stl10Format.ImagesFile(split)));
            if (!images.Exists)
            {
                problems.Add($"{images.Name} is missing");
                continue;
            }

            if (images.Length % Stl10Format.ImageBytes != 0)
            {
                problems.Add($"{images.Name} has {images.Length} bytes, not a whole number of {Stl10Format.ImageBytes}-byte images");
                continue;
            }

            var count = checked((int)(images.Length / Stl10Format.ImageBytes));
            counts[split] = count;
            if (!Stl10Format.HasLabels(split))
            {
                continue;
            }

            var labelsPath = Path.Combine(directory, Stl10Format.LabelsFile(split));
            if (!File.Exists(labelsPath))
            {
                problems.Add($"{Stl10Format.LabelsFile(split)} is missing");
                continue;
            }

            var labels = File.ReadAllBytes(labelsPath);
            if (labels.Length != count)
            {
                problems.Add($"{images.Name} has {images.Length} bytes but {Stl10Format.LabelsFile(split)} lists {labels.Length} labels, so it should have {(long)labels.Length * Stl10Format.ImageBytes} bytes");
            }

            var bad = Array.FindIndex(labels, l => l < 1 || l > classCount);
            if (bad >= 0)
            {
                problems.Add($"{Stl10Format.LabelsFile(split)} has label {labels[bad]} at index {bad}; labels must be 1..{classCount}");
            }
        }

        CheckClassNames(directory, problems);
        if (!File.Exists(Path.Combine(directory, Stl10Format.FoldIndicesFile)))
        {
            problems.Add($"{Stl10Format.FoldIndicesFile} is missing");
        }

        if (problems.Count > 0)
        {
            throw new StageFailedException($"the archive does not hold a valid STL-10 dataset: {string.Join("; ", problems)}");
        }

        return new SplitCounts(counts[Stl10Format.Unlabeled], counts[Stl10Format.Train], counts[Stl10Format.Test]);
    }

    private static void CheckClassNames(string directory, List<string> problems)
    {
        var path = Path.Combine(directory, Stl10Format.ClassNamesFile);
        if (!File.Exists(path))
        {
            problems.Add($"{Stl10Format.ClassNamesFile} is missing");
            return;
        }

        var names = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (!names.SequenceEqual(Stl10Format.ClassNames))
        {
            problems.Add($"{Stl10Format.ClassNamesFile} lists [{string.Join(", ", names)}], expected [{string.Join(", ", Stl10Format.ClassNames)}]");
        }
    }
}
