using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Extraction;
using Pipeline.Stages.Download.Tests.Support;
using Pipeline.TestSupport.Archives;

namespace Pipeline.Stages.Download.Tests.Extraction;

/// <summary>Archives that decompress to more than STL-10 can hold, or are not tar archives at all.</summary>
public sealed class ArchiveBombTests : IDisposable
{
    private readonly StageHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private string Archive => Path.Combine(_harness.Root, "hostile.tar.gz");

    private void AssertNothingWritten()
    {
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
        Assert.Equal([Archive], Directory.GetFiles(_harness.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_entry_declaring_more_than_stl10_holds_is_refused_from_its_header()
    {
        // The size of the bomb reported in issue 15: a 6.6 GB unlabeled_X.bin, more than all of STL-10.
        await MaliciousArchive.WithDeclaredSizeAsync(Archive, "stl10_binary/unlabeled_X.bin", 6_600_000_000);
        Assert.True(new FileInfo(Archive).Length < 10_000);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = Archive }));

        Assert.Contains("'stl10_binary/unlabeled_X.bin' declares 6,600,000,000 bytes", ex.Message);
        Assert.Contains("(2,764,800,000 bytes)", ex.Message);
        Assert.Contains("decompression bomb", ex.Message);
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_streamed_entry_over_its_limit_is_refused_before_any_of_it_is_written()
    {
        await MaliciousArchive.WithZerosAsync(Archive, "stl10_binary/train_y.bin", 1_000_000);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = Archive }));

        Assert.Contains("'stl10_binary/train_y.bin' declares 1,000,000 bytes, more than STL-10's layout allows for train_y.bin (5,000 bytes)", ex.Message);
        AssertNothingWritten();
    }

    [Fact]
    public async Task An_oversized_entry_outside_the_stl10_folder_is_refused_too()
    {
        await MaliciousArchive.WithZerosAsync(Archive, "elsewhere/padding.bin", Stl10EntryLimits.OtherFileBytes + 1);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = Archive }));

        Assert.Contains("'elsewhere/padding.bin' declares 1,048,577 bytes", ex.Message);
        AssertNothingWritten();
    }

    [Fact]
    public async Task An_entry_that_appears_twice_is_refused()
    {
        await MaliciousArchive.WithDuplicateAsync(Archive, "stl10_binary/train_y.bin");

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = Archive }));

        Assert.Contains("'stl10_binary/train_y.bin' appears twice", ex.Message);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Gzip_data_that_is_not_a_tar_says_what_it_is_and_what_was_expected()
    {
        await MaliciousArchive.GzipAsync(Archive, "<!DOCTYPE html>\n<html><body>Please log in to download STL-10.</body></html>\n"u8.ToArray());

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = Archive }));

        Assert.Contains("is gzip-compressed HTML (an error or login page?), not a gzip-compressed tar archive", ex.Message);
        Assert.Contains("expected stl10_binary.tar.gz", ex.Message);
        Assert.DoesNotContain("Unable to parse number", ex.Message);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Gzip_text_longer_than_a_tar_header_is_named_too()
    {
        await MaliciousArchive.GzipAsync(Archive, System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1,2,3,4,5,6,7,8,9,10\n", 100))));

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = Archive }));

        Assert.Contains("is gzip-compressed text starting \"1,2,3,4,5,6,7,8,9,10\"", ex.Message);
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_file_that_is_not_gzip_says_what_it_is()
    {
        await File.WriteAllBytesAsync(Archive, [(byte)'P', (byte)'K', 3, 4, .. new byte[600]]);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new DownloadStl10Params { Url = Archive }));

        Assert.Contains("is a zip archive, not a gzip-compressed tar archive", ex.Message);
        AssertNothingWritten();
    }
}
