namespace Pipeline.Data.Stl10;

/// <summary>Opens a dataset directory in the STL-10 binary layout, with its image size and classes from <c>dataset.json</c>.</summary>
public sealed class Stl10DatasetReader
{
    private Stl10DatasetReader(string directory, DatasetInfo info)
    {
        Directory = directory;
        Info = info;
    }

    /// <summary>The dataset directory.</summary>
    public string Directory { get; }

    /// <summary>The dataset description (STL-10 defaults when <c>dataset.json</c> is absent).</summary>
    public DatasetInfo Info { get; }

    /// <summary>Opens the dataset in <paramref name="directory"/>.</summary>
    public static Stl10DatasetReader Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"dataset directory '{directory}' does not exist");
        }

        return new Stl10DatasetReader(directory, DatasetInfo.Load(directory));
    }

    /// <summary>Whether the split's images file exists.</summary>
    public bool HasSplit(string split) => File.Exists(Path.Combine(Directory, Stl10Format.ImagesFile(split)));

    /// <summary>Opens one split; dispose the reader when done.</summary>
    public Stl10SplitReader OpenSplit(string split) => new(Directory, split, Info.Shape);

    /// <summary>The ten folds of train indices, or an empty list when <c>fold_indices.txt</c> is absent.</summary>
    public IReadOnlyList<int[]> ReadFolds()
    {
        var path = Path.Combine(Directory, Stl10Format.FoldIndicesFile);
        return File.Exists(path) ? FoldIndices.Parse(File.ReadAllText(path)) : [];
    }
}
