using Pipeline.Data.Stl10;

namespace Pipeline.Stages.Download.Extraction;

/// <summary>
/// The most each file of an STL-10 archive can hold, from its known layout (100,000 unlabeled, 5,000 train and
/// 8,000 test images of 27,648 bytes, one label byte each), so that a decompression bomb is refused from an
/// entry's header, before any of it is written.
/// </summary>
public static class Stl10EntryLimits
{
    /// <summary>The most any other file under <c>stl10_binary/</c> may hold (the real one has none; 1 MiB).</summary>
    public const long OtherFileBytes = 1 << 20;

    private static readonly Dictionary<string, long> Limits = new(StringComparer.Ordinal)
    {
        [Stl10Format.ImagesFile(Stl10Format.Unlabeled)] = (long)Stl10Format.OfficialUnlabeledCount * Stl10Format.ImageBytes,
        [Stl10Format.ImagesFile(Stl10Format.Train)] = (long)Stl10Format.OfficialTrainCount * Stl10Format.ImageBytes,
        [Stl10Format.ImagesFile(Stl10Format.Test)] = (long)Stl10Format.OfficialTestCount * Stl10Format.ImageBytes,
        [Stl10Format.LabelsFile(Stl10Format.Train)] = Stl10Format.OfficialTrainCount,
        [Stl10Format.LabelsFile(Stl10Format.Test)] = Stl10Format.OfficialTestCount,
        [Stl10Format.ClassNamesFile] = 4096,
        [Stl10Format.FoldIndicesFile] = OtherFileBytes,
    };

    /// <summary>The most <paramref name="fileName"/> (a name under <c>stl10_binary/</c>) may hold, in bytes.</summary>
    public static long MaxBytes(string fileName) => Limits.GetValueOrDefault(fileName, OtherFileBytes);

    /// <summary>The most a whole extracted STL-10 folder may hold (about 3.1 GB).</summary>
    public static long TotalBytes => Limits.Values.Sum();
}
