using System.Globalization;
using System.Text;

namespace Pipeline.Data.Stl10;

/// <summary>Reads and writes <c>fold_indices.txt</c>: one line per fold, space-separated zero-based train indices.</summary>
public static class FoldIndices
{
    /// <summary>Parses the file's text; indices are ints (the official ones go up to 4999).</summary>
    public static IReadOnlyList<int[]> Parse(string text)
    {
        var lines = text.Replace("\r", string.Empty).Split('\n');

        // Every line ends with a newline, so the last element is empty; an empty fold before it is still a fold.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var folds = new List<int[]>(count);
        for (var i = 0; i < count; i++)
        {
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var fold = new int[parts.Length];
            for (var j = 0; j < parts.Length; j++)
            {
                if (!int.TryParse(parts[j], NumberStyles.None, CultureInfo.InvariantCulture, out fold[j]))
                {
                    throw new InvalidDataException($"{Stl10Format.FoldIndicesFile}:{i + 1}: '{parts[j]}' is not an index");
                }
            }

            folds.Add(fold);
        }

        return folds;
    }

    /// <summary>Formats folds as the file's text (one line per fold, a newline after each).</summary>
    public static string Format(IEnumerable<int[]> folds)
    {
        var text = new StringBuilder();
        foreach (var fold in folds)
        {
            text.AppendJoin(' ', fold).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Maps each fold through <paramref name="kept"/> (old train index to new index): indices that were dropped
    /// disappear, the rest take their new number, and the order inside a fold is kept.
    /// </summary>
    public static IReadOnlyList<int[]> Remap(IReadOnlyList<int[]> folds, IReadOnlyDictionary<int, int> kept) =>
        folds.Select(fold => fold.Where(kept.ContainsKey).Select(i => kept[i]).ToArray()).ToList();
}
