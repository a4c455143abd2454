using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Tests.Support;
using Pipeline.TestSupport.Archives;

namespace Pipeline.Stages.Download.Tests.Extraction;

public sealed class HostileArchiveTests : IDisposable
{
    private readonly StageHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("../evil")]
    [InlineData("stl10_binary/../../evil")]
    [InlineData("./../evil")]
    public async Task A_path_traversal_entry_is_refused_and_nothing_lands_outside(string entryName)
    {
        var archive = Path.Combine(_harness.Root, "hostile.tar.gz");
        await MaliciousArchive.WithFileEntryAsync(archive, entryName);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = archive }));

        Assert.Contains(entryName, ex.Message);
        Assert.Contains("refusing", ex.Message);
        Assert.Empty(Directory.GetFiles(_harness.Root, "evil", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_harness.Root)!, "evil")));
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task An_absolute_path_entry_is_refused()
    {
        var archive = Path.Combine(_harness.Root, "hostile.tar.gz");
        var outside = Path.Combine(Path.GetTempPath(), $"evil-{Guid.NewGuid():N}");
        await MaliciousArchive.WithFileEntryAsync(archive, outside);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = archive }));

        Assert.Contains("absolute", ex.Message);
        Assert.False(File.Exists(outside));
    }

    [Fact]
    public async Task A_symlink_entry_is_refused()
    {
        var archive = Path.Combine(_harness.Root, "hostile.tar.gz");
        await MaliciousArchive.WithSymlinkAsync(archive, "stl10_binary/train_X.bin", "/etc/passwd");

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = archive }));

        Assert.Contains("stl10_binary/train_X.bin", ex.Message);
        Assert.Contains("link", ex.Message);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task A_hard_link_entry_is_refused()
    {
        var archive = Path.Combine(_harness.Root, "hostile.tar.gz");
        await MaliciousArchive.WithHardLinkAsync(archive, "stl10_binary/test_X.bin", "../../etc/passwd");

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = archive }));

        Assert.Contains("link", ex.Message);
    }

    [Fact]
    public async Task An_archive_missing_stl10_files_names_what_is_missing()
    {
        var archive = Path.Combine(_harness.Root, "incomplete.tar.gz");
        await MaliciousArchive.WithFileEntryAsync(archive, "stl10_binary/readme.txt");

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = archive }));

        Assert.Contains("train_X.bin is missing", ex.Message);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }
}
