using System.Security.Cryptography;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Tests.Support;
using Pipeline.TestSupport.Http;

namespace Pipeline.Stages.Download.Tests.Http;

[Collection(ArchiveCollection.Name)]
public sealed class HttpDownloadTests : IDisposable
{
    private readonly ArchiveFixture _archive;
    private readonly FaultInjectingHttpServer _server;
    private readonly StageHarness _harness = new();

    public HttpDownloadTests(ArchiveFixture archive)
    {
        _archive = archive;
        _server = new FaultInjectingHttpServer(archive.Bytes);
    }

    public void Dispose()
    {
        _server.Dispose();
        _harness.Dispose();
    }

    private DownloadStl10Params Params(int maxRetries = 5) => new()
    {
        Url = _server.Url.ToString(),
        Md5 = _archive.Digest.Md5,
        MaxRetries = maxRetries,
        RetryDelaySeconds = 0.01,
        TimeoutSeconds = 30,
    };

    [Fact]
    public async Task Happy_path_extracts_files_identical_to_the_source_and_reports_metrics()
    {
        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Range);
        Assert.Equal(_archive.Digest.Length, _harness.Reporter.Summaries["download_bytes"]);
        Assert.True(_harness.Reporter.Summaries.ContainsKey("download_mb_per_s"));
        Assert.Equal(_server.Url.ToString(), _harness.Reporter.Params["resolved_url"]);
        Assert.Contains(_harness.Reporter.ProgressUpdates, p => p.Phase == "download" && p.Done == _archive.Digest.Length);
        Assert.False(File.Exists(_harness.PartialPath));
        Assert.False(File.Exists(_harness.ArchivePath), "the verified archive is removed once extracted");
    }

    [Fact]
    public async Task Dropped_connection_is_resumed_with_a_range_request()
    {
        var dropAt = _archive.Digest.Length / 3;
        _server.Enqueue(HttpFault.DropAfter(dropAt));

        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(dropAt, requests[1].RangeStart);
        Assert.Equal("\"v1\"", requests[1].IfRange);
        Assert.Equal(206, requests[1].StatusCode);
        Assert.Equal(_archive.Digest.Length, _harness.Reporter.Summaries["download_bytes"]);
    }

    [Fact]
    public async Task Connection_reset_mid_body_is_retried_and_the_result_is_correct()
    {
        _server.Enqueue(HttpFault.DropAfter(_archive.Digest.Length / 2, reset: true));
        _server.Enqueue(HttpFault.DropAfter(100_000, reset: true));

        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_burst_of_503_is_retried()
    {
        _server.FailFirst(3, 503);

        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        Assert.Equal([503, 503, 503, 200], _server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried()
    {
        _server.FailFirst(1, 429, retryAfterSeconds: 1);

        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        Assert.Equal([429, 200], _server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_error_names_the_status()
    {
        _server.FailFirst(10, 503);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(Params(maxRetries: 2)));

        Assert.Contains("503", ex.Message);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Equal(3, _server.Requests.Count);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task A_link_that_drops_often_but_advances_finishes_whatever_the_retry_budget()
    {
        // Twelve drops, each after a twelfth more of the archive: far more failures than max_retries allows in a row.
        var step = (_archive.Digest.Length / 13) + 1;
        for (var i = 0; i < 12; i++)
        {
            _server.Enqueue(HttpFault.DropAfter(step));
        }

        await _harness.RunAsync(Params(maxRetries: 2));

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        var requests = _server.Requests;
        Assert.Equal(13, requests.Count);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => i == 0 ? (long?)null : i * step), requests.Select(r => r.RangeStart));
    }

    [Fact]
    public async Task Failures_without_progress_after_progress_are_still_bounded()
    {
        _server.Enqueue(HttpFault.DropAfter(_archive.Digest.Length / 2));
        for (var i = 0; i < 10; i++)
        {
            _server.Enqueue(HttpFault.Status(503));
        }

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(Params(maxRetries: 2)));

        Assert.Contains("gave up after 4 attempts, the last 3 in a row without progress", ex.Message);
        Assert.Equal(4, _server.Requests.Count);
        Assert.Equal(_archive.Digest.Length / 2, new FileInfo(_harness.PartialPath).Length);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task A_404_fails_at_once_without_retries()
    {
        var missing = new DownloadStl10Params { Url = new Uri(_server.Url, "/nothing-here.tar.gz").ToString(), RetryDelaySeconds = 0.01 };

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(missing));

        Assert.Contains("404", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_server_that_ignores_range_makes_the_download_start_over_cleanly()
    {
        var dropAt = _archive.Digest.Length / 2;
        _server.Enqueue(HttpFault.DropAfter(dropAt));
        _server.IgnoreRange = true;

        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(dropAt, requests[1].RangeStart);
        Assert.Equal(200, requests[1].StatusCode);
    }

    [Fact]
    public async Task A_changed_etag_makes_the_next_run_start_over()
    {
        // A drop after progress is always retried; the 503 that follows makes no progress, so max_retries 0 stops there.
        _server.Enqueue(HttpFault.DropAfter(200_000));
        _server.Enqueue(HttpFault.Status(503));
        await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(Params(maxRetries: 0)));
        Assert.Equal(200_000, new FileInfo(_harness.PartialPath).Length);
        _server.ETag = "\"v2\"";

        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        var last = _server.Requests[^1];
        Assert.Equal("\"v1\"", last.IfRange);
        Assert.Equal(200, last.StatusCode);
    }

    [Fact]
    public async Task A_corrupt_byte_fails_with_expected_and_actual_and_the_file_is_moved_aside()
    {
        _server.CorruptByteAt = 12_345;
        var corrupted = _archive.Bytes.ToArray();
        corrupted[12_345] ^= 0xFF;
        var actualMd5 = Convert.ToHexStringLower(MD5.HashData(corrupted));

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(Params()));

        Assert.Contains($"expected md5 {_archive.Digest.Md5}", ex.Message);
        Assert.Contains($"actual {actualMd5}", ex.Message);
        var downloads = Path.GetDirectoryName(_harness.ArchivePath)!;
        var bad = Assert.Single(Directory.GetFiles(downloads, "stl10_binary.tar.gz.bad-*"));
        Assert.Contains(bad, ex.Message);
        Assert.False(File.Exists(_harness.ArchivePath));
        Assert.False(File.Exists(_harness.PartialPath));
        Assert.False(Directory.Exists(_harness.DatasetDirectory), "no dataset output may be left");

        _server.CorruptByteAt = null;
        await _harness.RunAsync(Params());
        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        Assert.Null(_server.Requests[^1].Range);
    }

    [Fact]
    public async Task A_sha256_mismatch_names_both_digests()
    {
        var wrong = new string('a', 64);
        var parameters = new DownloadStl10Params { Url = _server.Url.ToString(), Sha256 = wrong, RetryDelaySeconds = 0.01 };

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(parameters));

        Assert.Contains($"expected sha256 {wrong}, actual {_archive.Digest.Sha256}", ex.Message);
    }

    [Fact]
    public async Task A_cancelled_download_keeps_its_partial_file_and_the_next_run_resumes_it()
    {
        const int stallAt = 300_000;
        _server.Enqueue(HttpFault.StallAfter(stallAt));
        using var cts = new CancellationTokenSource();

        var first = _harness.RunAsync(Params(), cancellationToken: cts.Token);
        await WaitUntilAsync(() => File.Exists(_harness.PartialPath) && new FileInfo(_harness.PartialPath).Length == stallAt);
        await cts.CancelAsync();

        await Assert.ThrowsAsync<StageCancelledException>(() => first);
        Assert.Equal(stallAt, new FileInfo(_harness.PartialPath).Length);
        _server.ReleaseStalls();

        await _harness.RunAsync(Params());

        _archive.AssertIdenticalDataset(_harness.DatasetDirectory);
        Assert.Equal(stallAt, _server.Requests[^1].RangeStart);
        Assert.Equal(206, _server.Requests[^1].StatusCode);
        Assert.Equal(_archive.Digest.Length - stallAt, _harness.Reporter.Summaries["download_bytes"]);
    }

    [Fact]
    public async Task User_info_and_query_are_not_logged()
    {
        var url = new UriBuilder(_server.Url) { UserName = "alice", Password = "s3cret", Query = "token=abc" }.Uri;

        await _harness.RunAsync(new DownloadStl10Params { Url = url.ToString(), Md5 = _archive.Digest.Md5 });

        var logged = _harness.Reporter.Params["resolved_url"];
        Assert.DoesNotContain("s3cret", logged);
        Assert.DoesNotContain("alice", logged);
        Assert.DoesNotContain("abc", logged);
        Assert.StartsWith($"http://127.0.0.1:{_server.Port}/stl10_binary.tar.gz", logged);
    }

    // Waits for a condition the stage reaches on its own; a generous cap only guards against a hang.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(10, cap.Token);
        }
    }
}
