using Pipeline.Data;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Tests.Support;

namespace Pipeline.Stages.Download.Tests.Sources;

[Collection(ArchiveCollection.Name)]
public sealed class LocalAndSyntheticSourceTests : IDisposable
{
    private readonly ArchiveFixture _archive;
    private readonly StageHarness _harness = new();

    public LocalAndSyntheticSourceTests(ArchiveFixture archive) => _archive = archive;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_file_url_is_read_in_place()
    {
        await _harness.RunAsync(new DownloadStl10Params { Url = new Uri(_archive.ArchivePath).AbsoluteUri, Sha256 = _archive.Digest.Sha256 });

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        Assert.True(File.Exists(_archive.ArchivePath), "a local archive is never moved or deleted");
        Assert.Equal(_archive.ArchivePath, _harness.Reporter.Params["resolved_url"]);
    }

    [Fact]
    public async Task A_plain_path_is_read_in_place()
    {
        await _harness.RunAsync(new DownloadStl10Params { Url = _archive.ArchivePath, Md5 = _archive.Digest.Md5 });

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
    }

    [Fact]
    public async Task A_missing_local_archive_is_a_clear_error()
    {
        var missing = Path.Combine(_harness.Root, "nope.tar.gz");

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = missing }));

        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public async Task A_local_archive_with_a_wrong_checksum_is_refused_but_not_moved()
    {
        var ex = await Assert.ThrowsAsync<StageFailedException>(() =>
            _harness.RunAsync(new DownloadStl10Params { Url = _archive.ArchivePath, Md5 = new string('0', 32) }));

        Assert.Contains($"actual {_archive.Digest.Md5}", ex.Message);
        Assert.True(File.Exists(_archive.ArchivePath));
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task A_subset_keeps_the_layout_balanced_and_deterministic()
    {
        var parameters = new DownloadStl10Params { Url = _archive.ArchivePath, Subset = new SubsetParams { Unlabeled = 50, Train = 20, Test = 30 } };

        await _harness.RunAsync(parameters, seed: 3);
        var first = File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "train_X.bin"));
        await _harness.RunAsync(parameters, seed: 3);

        var dataset = Stl10DatasetReader.Open(_harness.DatasetDirectory);
        Assert.Equal(50, dataset.Info.Splits["unlabeled"]);
        Assert.Equal(20, dataset.Info.Splits["train"]);
        using var train = dataset.OpenSplit("train");
        using var test = dataset.OpenSplit("test");
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(2, train.Labels.ToArray().Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(3, test.Labels.ToArray().Count(l => l == c)));
        Assert.All(dataset.ReadFolds(), f => Assert.All(f, i => Assert.InRange(i, 0, 19)));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "train_X.bin")));
        Assert.False(Directory.Exists(Path.Combine(_harness.CheckpointDirectory, "extracted")));
    }

    [Fact]
    public async Task A_subset_larger_than_the_split_is_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<StageFailedException>(() =>
            _harness.RunAsync(new DownloadStl10Params { Url = _archive.ArchivePath, Subset = new SubsetParams { Train = 101 } }));

        Assert.Contains("subset.train asks for 101 images but the train split has 100", ex.Message);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task Synthetic_source_generates_the_requested_counts_deterministically()
    {
        var parameters = new DownloadStl10Params { Url = "synthetic:", Subset = new SubsetParams { Unlabeled = 20, Train = 30, Test = 10 } };
        using var other = new StageHarness();

        await _harness.RunAsync(parameters, seed: 5);
        await other.RunAsync(parameters, seed: 5);

        var info = DatasetInfo.Load(_harness.DatasetDirectory);
        Assert.Equal(20, info.Splits["unlabeled"]);
        Assert.Equal(30, info.Splits["train"]);
        Assert.Equal(10, info.Splits["test"]);
        Assert.Equal(30L * 27648, new FileInfo(Path.Combine(_harness.DatasetDirectory, "train_X.bin")).Length);
        foreach (var file in Directory.GetFiles(_harness.DatasetDirectory))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(other.DatasetDirectory, Path.GetFileName(file))));
        }

        Assert.Equal("synthetic:", _harness.Reporter.Params["resolved_url"]);
    }

    [Fact]
    public async Task Synthetic_source_uses_its_default_counts()
    {
        await _harness.RunAsync(new DownloadStl10Params { Url = "synthetic:", Subset = new SubsetParams { Unlabeled = 0, Train = 10 } });

        var info = DatasetInfo.Load(_harness.DatasetDirectory);
        Assert.Equal(0, info.Splits["unlabeled"]);
        Assert.Equal(10, info.Splits["train"]);
        Assert.Equal(500, info.Splits["test"]);
        Assert.Equal(new SplitCounts(1000, 500, 500), DownloadStl10Stage.DefaultSyntheticCounts);
    }
}
