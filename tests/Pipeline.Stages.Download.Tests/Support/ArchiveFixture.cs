using Pipeline.Data;
using Pipeline.Data.Archives;
using Pipeline.Data.Digests;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Download.Tests.Support;

/// <summary>One small synthetic <c>stl10_binary.tar.gz</c> (200 unlabeled, 100 train, 100 test) shared by the tests of a collection.</summary>
public sealed class ArchiveFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("download-fixture");

    public string ArchivePath => _dir.Combine("stl10_binary.tar.gz");

    public string SourceDirectory => _dir.Combine("source");

    public byte[] Bytes { get; private set; } = [];

    public FileDigest Digest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Digest = await SyntheticArchiveBuilder.BuildAsync(ArchivePath, new SplitCounts(200, 100, 100), seed: 2024, keepDatasetIn: SourceDirectory);
        Bytes = await File.ReadAllBytesAsync(ArchivePath);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Asserts the extracted dataset holds exactly the source files and a dataset.json.</summary>
    public void AssertIdenticalDataset(string datasetDirectory)
    {
        foreach (var name in Stl10ArchiveWriter.EntryFiles)
        {
            var actual = Path.Combine(datasetDirectory, name);
            Assert.True(File.Exists(actual), $"{name} was not extracted");
            Assert.True(File.ReadAllBytes(Path.Combine(SourceDirectory, name)).AsSpan().SequenceEqual(File.ReadAllBytes(actual)), $"{name} differs from the source");
        }

        var info = DatasetInfo.Load(datasetDirectory);
        Assert.True(File.Exists(Path.Combine(datasetDirectory, DatasetInfo.FileName)));
        Assert.Equal(200, info.Splits["unlabeled"]);
        Assert.Equal(100, info.Splits["train"]);
        Assert.Equal(100, info.Splits["test"]);
    }
}

[CollectionDefinition(Name)]
public sealed class ArchiveCollection : ICollectionFixture<ArchiveFixture>
{
    public const string Name = "synthetic archive";
}
