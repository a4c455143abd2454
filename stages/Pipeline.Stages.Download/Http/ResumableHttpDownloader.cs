using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Sources;
using Pipeline.Stages.Download.Storage;
using Polly;
using Polly.Retry;

namespace Pipeline.Stages.Download.Http;

/// <summary>
/// Downloads one URL to a file, streaming into <c>{file}.partial</c> beside a <c>{file}.partial.json</c> state.
/// After an interruption (cancel, crash, kill -9, a dropped connection) it continues with <c>Range: bytes=N-</c>
/// guarded by <c>If-Range</c>, and starts over when the server answers 200 or its validators changed. Transient
/// failures are retried (Polly) from the current byte; only failures without progress count against the budget
/// and progress resets the backoff (<see cref="RetryBudget"/>).
/// Cancellation keeps the partial file.
/// </summary>
public sealed class ResumableHttpDownloader
{
    private const int MaxRestartsPerAttempt = 3;
    private readonly HttpClient _client;
    private readonly HttpDownloadOptions _options;
    private readonly ILogger _logger;
    private readonly IStageReporter _reporter;

    /// <summary>Creates a downloader that sends requests with <paramref name="client"/>.</summary>
    public ResumableHttpDownloader(HttpClient client, HttpDownloadOptions options, ILogger logger, IStageReporter reporter)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _reporter = reporter;
    }

    /// <summary>The partial file of a download to <paramref name="targetPath"/>.</summary>
    public static string PartialPathFor(string targetPath) => targetPath + ".partial";

    /// <summary>The state file kept beside the partial file.</summary>
    public static string StatePathFor(string targetPath) => targetPath + ".partial.json";

    /// <summary>Downloads <paramref name="url"/> to <paramref name="targetPath"/> (renamed into place when complete); a complete file already there is kept.</summary>
    public async Task<DownloadResult> DownloadAsync(Uri url, string targetPath, CancellationToken cancellationToken)
    {
        var meter = new DownloadMeter(_reporter);
        if (File.Exists(targetPath))
        {
            var length = new FileInfo(targetPath).Length;
            _logger.LogInformation("{Path} was already downloaded ({Bytes} bytes)", targetPath, length);
            return new DownloadResult(0, TimeSpan.Zero, length, 0);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(targetPath))!);
        var partialPath = PartialPathFor(targetPath);
        var statePath = StatePathFor(targetPath);
        var display = UrlRedactor.Redact(url);
        var budget = new RetryBudget(_options.MaxRetries, _options.RetryDelay, _options.MaxRetryDelay, Length(partialPath));
        var pipeline = BuildRetryPipeline(display, partialPath, budget);
        try
        {
            await pipeline.ExecuteAsync(
                token => new ValueTask(AttemptAsync(url, display, partialPath, statePath, meter, token)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TransientDownloadException ex)
        {
            throw new TransientDownloadException(
                $"gave up after {budget.Failures} attempts, the last {budget.FailuresWithoutProgress} in a row without progress (max_retries {_options.MaxRetries}): {ex.Message}", ex);
        }

        var total = new FileInfo(partialPath).Length;
        meter.Report(total, total);
        File.Move(partialPath, targetPath, overwrite: true);
        File.Delete(statePath);
        return new DownloadResult(meter.BytesReceived, meter.Elapsed, total, meter.MegabytesPerSecond);
    }

    // Polly runs the attempts; the budget, not an attempt count, decides when to stop and how long to wait.
    private ResiliencePipeline BuildRetryPipeline(string display, string partialPath, RetryBudget budget) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                Delay = _options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TransientDownloadException && budget.Failed(Length(partialPath))),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is TransientDownloadException { RetryAfter: { } wait }
                        ? (wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay)
                        : budget.NextDelay(Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    _logger.LogWarning(
                        "download of {Url} failed ({Reason}); attempt {Attempt} in {Delay:F1} s from byte {Position} ({Stalled} of {Max} retries without progress used)",
                        display, args.Outcome.Exception?.Message, budget.Failures + 1, args.RetryDelay.TotalSeconds, Length(partialPath), budget.FailuresWithoutProgress, _options.MaxRetries);
                    return default;
                },
            })
            .Build();

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private async Task AttemptAsync(Uri url, string display, string partialPath, string statePath, DownloadMeter meter, CancellationToken cancellationToken)
    {
        // The state on disk is the truth: it survives failed attempts, cancellation and crashes alike.
        var state = LoadState(url, partialPath, statePath);
        for (var restart = 0; ; restart++)
        {
            if (restart > MaxRestartsPerAttempt)
            {
                throw new TransientDownloadException($"{display} kept changing while it was downloaded");
            }

            var offset = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
            if (state.TotalLength is { } known && offset >= known)
            {
                if (offset == known)
                {
                    return;
                }

                StartOver(partialPath, statePath, ref state, url, $"the partial file is longer ({offset} bytes) than the file ({known} bytes)");
                offset = 0;
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_options.Timeout);
            using var request = NewRequest(url, offset, state);
            using var response = await SendAsync(request, display, attempt.Token, cancellationToken).ConfigureAwait(false);
            var etag = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified;
            long? total;
            switch (response.StatusCode)
            {
                case HttpStatusCode.PartialContent when offset > 0:
                    var range = response.Content.Headers.ContentRange;
                    if (range?.From != offset || state.ContentChanged(etag, lastModified))
                    {
                        StartOver(partialPath, statePath, ref state, url, range?.From != offset
                            ? $"the server answered from byte {range?.From} instead of {offset}"
                            : "the file on the server changed (ETag/Last-Modified)");
                        continue;
                    }

                    total = range.Length;
                    _logger.LogInformation("resuming {Url} from byte {Offset}", display, offset);
                    break;
                case HttpStatusCode.OK:
                case HttpStatusCode.PartialContent:
                    if (offset > 0)
                    {
                        _logger.LogWarning("{Url} answered the whole file to a Range request (Range ignored, or the file changed): starting over", display);
                        offset = 0;
                    }

                    total = response.StatusCode == HttpStatusCode.OK ? response.Content.Headers.ContentLength : response.Content.Headers.ContentRange?.Length;
                    break;
                case HttpStatusCode.RequestedRangeNotSatisfiable when offset > 0:
                    StartOver(partialPath, statePath, ref state, url, $"the server cannot serve from byte {offset}");
                    continue;
                case HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError:
                    throw new TransientDownloadException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", RetryAfter(response));
                default:
                    throw new StageFailedException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {display}: check the url param");
            }

            state = state with { ETag = etag, LastModified = lastModified, TotalLength = total };
            state.Save(statePath);
            await CopyBodyAsync(response, partialPath, offset, total, meter, attempt, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    private static HttpRequestMessage NewRequest(Uri url, long offset, PartialDownloadState state)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            if (state.ETag is { } etag && !etag.StartsWith("W/", StringComparison.Ordinal) && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfRange = new RangeConditionHeaderValue(tag);
            }
            else if (state.LastModified is { } date)
            {
                request.Headers.IfRange = new RangeConditionHeaderValue(date);
            }
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string display, CancellationToken attemptToken, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDownloadException($"no response from {display} within {_options.Timeout.TotalSeconds:F0} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientDownloadException(ex.Message, ex);
        }
    }

    private async Task CopyBodyAsync(
        HttpResponseMessage response, string partialPath, long offset, long? total, DownloadMeter meter, CancellationTokenSource attempt, CancellationToken cancellationToken)
    {
        if (total is { } expected)
        {
            DiskSpace.Require(partialPath, expected - offset, "the download");
        }

        try
        {
            await CopyToFileAsync(response, partialPath, offset, total, meter, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (DiskSpace.IsFull(ex))
        {
            throw DiskSpace.Full(partialPath, total - Length(partialPath), "the download (the partial file is kept; the next run resumes it)", ex);
        }
    }

    private async Task CopyToFileAsync(
        HttpResponseMessage response, string partialPath, long offset, long? total, DownloadMeter meter, CancellationTokenSource attempt, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 18];
        await using var file = new FileStream(partialPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1, useAsync: true);
        file.SetLength(offset);
        file.Seek(offset, SeekOrigin.Begin);
        var position = offset;
        await using var body = await ReadNetworkAsync(() => response.Content.ReadAsStreamAsync(attempt.Token), position, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            attempt.CancelAfter(_options.Timeout);
            var n = await ReadNetworkAsync(() => body.ReadAsync(buffer, attempt.Token).AsTask(), position, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            position += n;
            meter.Add(n, position, total);
        }

        if (total is { } t && position != t)
        {
            throw new TransientDownloadException($"the body ended at byte {position} of {t}");
        }
    }

    private async Task<T> ReadNetworkAsync<T>(Func<Task<T>> read, long position, CancellationToken cancellationToken)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDownloadException($"no data for {_options.Timeout.TotalSeconds:F0} s at byte {position}", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new TransientDownloadException($"connection lost at byte {position}: {ex.Message}", ex);
        }
    }

    private PartialDownloadState LoadState(Uri url, string partialPath, string statePath)
    {
        var state = PartialDownloadState.Load(statePath);
        if (state is not null && state.UrlKey == PartialDownloadState.KeyFor(url) && File.Exists(partialPath))
        {
            return state;
        }

        if (File.Exists(partialPath))
        {
            _logger.LogInformation("discarding {Path}: it came from another URL or its state is missing", partialPath);
            File.Delete(partialPath);
        }

        File.Delete(statePath);
        return PartialDownloadState.Fresh(url);
    }

    private void StartOver(string partialPath, string statePath, ref PartialDownloadState state, Uri url, string reason)
    {
        _logger.LogWarning("starting the download over: {Reason}", reason);
        File.Delete(partialPath);
        File.Delete(statePath);
        state = PartialDownloadState.Fresh(url);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - TimeProvider.System.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
}
