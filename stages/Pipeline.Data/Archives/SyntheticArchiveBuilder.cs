using Pipeline.Data.Digests;
using Pipeline.Data.Synthetic;

namespace Pipeline.Data.Archives;

/// <summary>Builds a real <c>stl10_binary.tar.gz</c> holding a synthetic dataset, for tests and benchmarks of the download stage.</summary>
public static class SyntheticArchiveBuilder
{
    /// <summary>
    /// Generates a synthetic dataset with <paramref name="counts"/> and <paramref name="seed"/>, packs it into
    /// <paramref name="archivePath"/> and returns the archive's digest. When <paramref name="keepDatasetIn"/> is given
    /// the unpacked files stay there (to compare against); otherwise they are written to a temporary folder and deleted.
    /// </summary>
    public static async Task<FileDigest> BuildAsync(string archivePath, SplitCounts counts, int seed, string? keepDatasetIn = null, CancellationToken cancellationToken = default)
    {
        var datasetDirectory = keepDatasetIn ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(archivePath))!, $".synthetic-{Guid.NewGuid():N}");
        try
        {
            SyntheticStl10Generator.Generate(datasetDirectory, counts, seed, cancellationToken: cancellationToken);
            Stl10ArchiveWriter.Write(datasetDirectory, archivePath, cancellationToken: cancellationToken);
            return await FileDigest.ComputeAsync(archivePath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (keepDatasetIn is null && Directory.Exists(datasetDirectory))
            {
                Directory.Delete(datasetDirectory, recursive: true);
            }
        }
    }
}
