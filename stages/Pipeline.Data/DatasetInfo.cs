using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Data;

/// <summary>
/// The <c>dataset.json</c> written into every dataset output: layout, image size, class names, superclasses and
/// image count per split. Readers take the image size from here, so a 1x28x28 dataset reads like STL-10.
/// </summary>
public sealed record DatasetInfo
{
    /// <summary>The file name inside a dataset directory.</summary>
    public const string FileName = "dataset.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The file layout; <c>stl10-binary</c> for every dataset written by this library.</summary>
    public string Format { get; init; } = Stl10Format.FormatName;

    /// <summary>Channels per image.</summary>
    public int Channels { get; init; } = ImageShape.Stl10.Channels;

    /// <summary>Rows per image.</summary>
    public int Height { get; init; } = ImageShape.Stl10.Height;

    /// <summary>Columns per image.</summary>
    public int Width { get; init; } = ImageShape.Stl10.Width;

    /// <summary>Class names in label order (label 0 first).</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = Stl10Format.ClassNames;

    /// <summary>Superclass name to the class names it groups; empty when the dataset has none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Superclasses { get; init; } = Stl10Format.Superclasses;

    /// <summary>Split name to image count.</summary>
    public IReadOnlyDictionary<string, int> Splits { get; init; } = new Dictionary<string, int>();

    /// <summary>The image shape described by <see cref="Channels"/>, <see cref="Height"/> and <see cref="Width"/>.</summary>
    [JsonIgnore]
    public ImageShape Shape => new(Channels, Height, Width);

    /// <summary>An STL-10 description with the given split counts.</summary>
    public static DatasetInfo ForStl10(IReadOnlyDictionary<string, int> splits) => new() { Splits = splits };

    /// <summary>
    /// Reads <c>dataset.json</c> from <paramref name="directory"/>. When it is absent the dataset is taken to be
    /// STL-10 (3x96x96, the ten classes) and the split counts are derived from the sizes of the image files.
    /// </summary>
    public static DatasetInfo Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return InferStl10(directory);
        }

        DatasetInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<DatasetInfo>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a valid dataset description: {ex.Message}", ex);
        }

        if (info is null || info.Channels <= 0 || info.Height <= 0 || info.Width <= 0)
        {
            throw new InvalidDataException($"{path}: channels, height and width must be positive");
        }

        return info;
    }

    /// <summary>Writes <c>dataset.json</c> into <paramref name="directory"/> atomically.</summary>
    public void Save(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), ToJson() + "\n");

    /// <summary>The JSON text (snake_case keys, indented).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static DatasetInfo InferStl10(string directory)
    {
        var splits = new Dictionary<string, int>();
        foreach (var split in Stl10Format.Splits)
        {
            var file = new FileInfo(Path.Combine(directory, Stl10Format.ImagesFile(split)));
            if (file.Exists)
            {
                splits[split] = checked((int)(file.Length / Stl10Format.ImageBytes));
            }
        }

        return ForStl10(splits);
    }
}
