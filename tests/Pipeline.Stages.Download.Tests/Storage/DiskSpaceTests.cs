using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Storage;
using Pipeline.Stages.Download.Tests.Support;
using Pipeline.TestSupport.Archives;
using Pipeline.TestSupport.Http;
using Pipeline.TestSupport.Storage;

namespace Pipeline.Stages.Download.Tests.Storage;

/// <summary>Free-space checks and full disks, on a real tmpfs of a few MiB.</summary>
public sealed class DiskSpaceTests
{
    [Fact]
    public void A_write_to_a_full_device_is_recognised_as_a_full_disk()
    {
        var ex = Assert.ThrowsAny<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            full.Write(new byte[4096]);
            full.Flush();
        });

        Assert.True(DiskSpace.IsFull(ex), $"{ex.GetType().Name} 0x{ex.HResult:X}: {ex.Message}");
    }

    [SmallFilesystemFact]
    public async Task Extracting_more_than_the_free_space_is_refused_before_writing_with_path_and_sizes()
    {
        using var small = new SmallFilesystem(4 << 20);
        using var source = new Pipeline.TestSupport.TempDirectory("bomb-source");
        var archive = source.Combine("big.tar.gz");
        await MaliciousArchive.WithZerosAsync(archive, "stl10_binary/train_X.bin", 27_648 * 400);
        using var harness = new StageHarness(small.Path);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.RunAsync(new DownloadStl10Params { Url = archive }));

        Assert.Contains("not enough disk space for extracting big.tar.gz", ex.Message);
        Assert.Contains(harness.DatasetDirectory, ex.Message);
        Assert.Matches(@"needs 10\.[56] MiB \(11,0[0-9,]+ bytes\)", ex.Message);
        Assert.Matches(@"only [34]\.\d MiB \([\d,]+ bytes\) is free there", ex.Message);
        Assert.False(Directory.Exists(harness.DatasetDirectory));
        Assert.Empty(Directory.GetFiles(small.Path, "*", SearchOption.AllDirectories));
    }

    [SmallFilesystemFact]
    public async Task A_download_larger_than_the_free_space_is_refused_with_path_and_sizes()
    {
        using var small = new SmallFilesystem(1 << 20);
        await using var server = new FaultInjectingHttpServer(new byte[3 << 20]);
        using var harness = new StageHarness(small.Path);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.RunAsync(new DownloadStl10Params { Url = server.Url.ToString(), RetryDelaySeconds = 0.01 }));

        Assert.Contains("not enough disk space for the download", ex.Message);
        Assert.Contains(harness.PartialPath, ex.Message);
        Assert.Contains("needs 3.0 MiB", ex.Message);
        Assert.Single(server.Requests);
        Assert.False(Directory.Exists(harness.DatasetDirectory));
    }

    [SmallFilesystemFact]
    public async Task A_disk_that_fills_up_during_a_download_of_unknown_length_fails_in_one_clean_error()
    {
        using var small = new SmallFilesystem(1 << 20);
        await using var server = new FaultInjectingHttpServer(new byte[3 << 20]) { SendContentLength = false };
        using var harness = new StageHarness(small.Path);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.RunAsync(new DownloadStl10Params { Url = server.Url.ToString(), RetryDelaySeconds = 0.01 }));

        Assert.Contains("not enough disk space for the download (the partial file is kept; the next run resumes it): the disk filled up while writing", ex.Message);
        Assert.Contains(harness.PartialPath, ex.Message);
        Assert.Single(server.Requests);
        Assert.False(Directory.Exists(harness.DatasetDirectory));
    }
}
