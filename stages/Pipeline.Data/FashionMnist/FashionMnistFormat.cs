using Pipeline.Data.Stl10;

namespace Pipeline.Data.FashionMnist;

/// <summary>
/// Facts about Fashion-MNIST (Xiao et al. 2017, https://github.com/zalandoresearch/fashion-mnist): file names,
/// image size (1x28x28), the ten class names and the superclasses this pipeline groups them into.
/// </summary>
public static class FashionMnistFormat
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The command that installs the files on Debian and Ubuntu.</summary>
    public const string InstallCommand = "apt-get install dataset-fashion-mnist";

    /// <summary>Rows and columns of every image.</summary>
    public const int Side = 28;

    /// <summary>Images in the official train split.</summary>
    public const int OfficialTrainCount = 60_000;

    /// <summary>Images in the official test split.</summary>
    public const int OfficialTestCount = 10_000;

    /// <summary>One grayscale channel of 28x28 pixels.</summary>
    public static ImageShape Shape { get; } = new(1, Side, Side);

    /// <summary>The class names in label order (IDX label 0 first).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Four superclasses by body part: tops, bottoms, footwear and bags.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Superclasses { get; } =
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["tops"] = ["T-shirt/top", "Pullover", "Dress", "Coat", "Shirt"],
            ["bottoms"] = ["Trouser"],
            ["footwear"] = ["Sandal", "Sneaker", "Ankle boot"],
            ["bags"] = ["Bag"],
        };

    /// <summary>The labeled splits Fashion-MNIST ships, named as in the STL-10 layout.</summary>
    public static IReadOnlyList<string> Splits { get; } = [Stl10Format.Train, Stl10Format.Test];

    /// <summary>The compressed images file of <paramref name="split"/> (<c>train</c> or <c>test</c>), for example <c>t10k-images-idx3-ubyte.gz</c>.</summary>
    public static string ImagesFile(string split) => $"{FilePrefix(split)}-images-idx3-ubyte.gz";

    /// <summary>The compressed labels file of <paramref name="split"/>, for example <c>train-labels-idx1-ubyte.gz</c>.</summary>
    public static string LabelsFile(string split) => $"{FilePrefix(split)}-labels-idx1-ubyte.gz";

    /// <summary>
    /// The path of <paramref name="fileName"/> in <paramref name="directory"/>, or of its uncompressed twin (the name
    /// without <c>.gz</c>) when only that exists; null when neither does.
    /// </summary>
    public static string? Find(string directory, string fileName)
    {
        var compressed = Path.Combine(directory, fileName);
        if (File.Exists(compressed))
        {
            return compressed;
        }

        var plain = Path.ChangeExtension(compressed, null);
        return File.Exists(plain) ? plain : null;
    }

    /// <summary>A <c>dataset.json</c> description of a Fashion-MNIST dataset in the STL-10 layout with the given split counts.</summary>
    public static DatasetInfo Describe(IReadOnlyDictionary<string, int> splits) => new()
    {
        Channels = Shape.Channels,
        Height = Shape.Height,
        Width = Shape.Width,
        ClassNames = ClassNames,
        Superclasses = Superclasses,
        Splits = splits,
    };

    private static string FilePrefix(string split) => split switch
    {
        Stl10Format.Train => "train",
        Stl10Format.Test => "t10k",
        _ => throw new ArgumentException($"Fashion-MNIST has no '{split}' split; it has train and test", nameof(split)),
    };
}
