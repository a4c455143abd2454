using Pipeline.Data.FashionMnist;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.FashionMnist.Conversion;

/// <summary>The four IDX files found in the source directory (each <c>.gz</c> or uncompressed).</summary>
internal sealed class SourceFiles
{
    private readonly Dictionary<string, string> _paths;

    private SourceFiles(Dictionary<string, string> paths) => _paths = paths;

    /// <summary>Finds every file, or throws a <see cref="StageFailedException"/> naming what is missing and how to install it.</summary>
    public static SourceFiles Locate(string directory)
    {
        var install = $"Install Fashion-MNIST with `{FashionMnistFormat.InstallCommand}` (as root; scripts/install-fashion-mnist.sh does it) " +
            $"or set directory to a folder holding the IDX files";
        if (!Directory.Exists(directory))
        {
            throw new StageFailedException($"directory: '{directory}' does not exist. {install}.");
        }

        var paths = new Dictionary<string, string>();
        var missing = new List<string>();
        foreach (var split in FashionMnistFormat.Splits)
        {
            foreach (var name in new[] { FashionMnistFormat.ImagesFile(split), FashionMnistFormat.LabelsFile(split) })
            {
                if (FashionMnistFormat.Find(directory, name) is { } path)
                {
                    paths[name] = path;
                }
                else
                {
                    missing.Add(Path.Combine(directory, name));
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new StageFailedException($"directory: missing {string.Join(", ", missing)} (nor found uncompressed). {install}.");
        }

        return new SourceFiles(paths);
    }

    /// <summary>The images file of <paramref name="split"/>.</summary>
    public string Images(string split) => _paths[FashionMnistFormat.ImagesFile(split)];

    /// <summary>The labels file of <paramref name="split"/>.</summary>
    public string Labels(string split) => _paths[FashionMnistFormat.LabelsFile(split)];
}
