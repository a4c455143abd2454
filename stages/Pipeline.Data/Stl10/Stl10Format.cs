namespace Pipeline.Data.Stl10;

/// <summary>
/// Facts about the STL-10 binary layout: file names, the byte order of pixels, class names and superclasses.
/// Each image is stored channel by channel (R, G, B), each channel column-major, so the byte of image n,
/// channel c, row y, column x is at <c>n*C*H*W + c*H*W + x*H + y</c>.
/// </summary>
public static class Stl10Format
{
    /// <summary>The <c>format</c> value of <c>dataset.json</c> for this layout.</summary>
    public const string FormatName = "stl10-binary";

    /// <summary>The split with labels used for training.</summary>
    public const string Train = "train";

    /// <summary>The split with labels used for evaluation.</summary>
    public const string Test = "test";

    /// <summary>The split without labels used for self-supervised pretraining.</summary>
    public const string Unlabeled = "unlabeled";

    /// <summary>One line per class, in label order.</summary>
    public const string ClassNamesFile = "class_names.txt";

    /// <summary>Ten lines of space-separated train indices (the official 10-fold protocol).</summary>
    public const string FoldIndicesFile = "fold_indices.txt";

    /// <summary>The folder every entry of the official archive lives in.</summary>
    public const string ArchiveRoot = "stl10_binary";

    /// <summary>The official archive's file name.</summary>
    public const string ArchiveFileName = "stl10_binary.tar.gz";

    /// <summary>Bytes per STL-10 image (3 x 96 x 96).</summary>
    public const int ImageBytes = 3 * 96 * 96;

    /// <summary>Images in the official train split.</summary>
    public const int OfficialTrainCount = 5_000;

    /// <summary>Images in the official test split.</summary>
    public const int OfficialTestCount = 8_000;

    /// <summary>Images in the official unlabeled split.</summary>
    public const int OfficialUnlabeledCount = 100_000;

    /// <summary>The splits in the order they are listed in <c>dataset.json</c>.</summary>
    public static IReadOnlyList<string> Splits { get; } = [Train, Test, Unlabeled];

    /// <summary>The class names in label order (label 1 on disk is index 0 here).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck"];

    /// <summary>The two superclasses of STL-10's classes.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Superclasses { get; } =
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["animal"] = ["bird", "cat", "deer", "dog", "horse", "monkey"],
            ["vehicle"] = ["airplane", "car", "ship", "truck"],
        };

    /// <summary>The images file of a split, for example <c>train_X.bin</c>.</summary>
    public static string ImagesFile(string split) => $"{split}_X.bin";

    /// <summary>The labels file of a split, for example <c>train_y.bin</c> (the unlabeled split has none).</summary>
    public static string LabelsFile(string split) => $"{split}_y.bin";

    /// <summary>Whether the split comes with a labels file.</summary>
    public static bool HasLabels(string split) => split != Unlabeled;

    /// <summary>Offset inside one image of channel <paramref name="c"/>, row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public static int PixelOffset(ImageShape shape, int c, int y, int x) => (c * shape.PlaneBytes) + (x * shape.Height) + y;
}
