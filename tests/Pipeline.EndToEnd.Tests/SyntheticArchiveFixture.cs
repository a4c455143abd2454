using Pipeline.Data;
using Pipeline.Data.Archives;
using Pipeline.Data.Digests;

namespace Pipeline.EndToEnd.Tests;

/// <summary>One synthetic STL-10 archive (and the dataset it was made from) shared by the tests of a class.</summary>
public sealed class SyntheticArchiveFixture : IDisposable
{
    public SyntheticArchiveFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("e2e-archive-").FullName;
        ArchivePath = Path.Combine(Directory, "stl10_binary.tar.gz");
        SourceDataset = Path.Combine(Directory, "source");
        Digest = SyntheticArchiveBuilder.BuildAsync(ArchivePath, new SplitCounts(400, 100, 100), seed: 7, keepDatasetIn: SourceDataset).GetAwaiter().GetResult();
        Bytes = File.ReadAllBytes(ArchivePath);
    }

    public string Directory { get; }

    public string ArchivePath { get; }

    public string SourceDataset { get; }

    public FileDigest Digest { get; }

    public byte[] Bytes { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
