using System.Net;
using System.Net.Http.Headers;
using Pipeline.TestSupport.Http;

namespace Pipeline.Stages.Download.Tests.TestSupport;

public sealed class FaultInjectingHttpServerTests : IDisposable
{
    private static readonly byte[] Content = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31)).ToArray();
    private readonly FaultInjectingHttpServer _server = new(Content);
    private readonly HttpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task A_range_request_gets_206_with_content_range_and_the_slice()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.Url) { Headers = { Range = new RangeHeaderValue(40_000, null) } };

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 40000-99999/100000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(Content[40_000..], body);
        Assert.Equal("\"v1\"", response.Headers.ETag!.ToString());
        var recorded = Assert.Single(_server.Requests);
        Assert.Equal(("GET", "bytes=40000-", 206), (recorded.Method, recorded.Range, recorded.StatusCode));
        Assert.Equal(40_000, recorded.RangeStart);
    }

    [Fact]
    public async Task A_range_past_the_end_gets_416_and_an_unknown_path_404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.Url) { Headers = { Range = new RangeHeaderValue(100_000, null) } };

        using var pastEnd = await _client.SendAsync(request);
        using var missing = await _client.GetAsync(new Uri(_server.Url, "/other"));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, pastEnd.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Ignoring_range_answers_200_with_the_whole_body()
    {
        _server.IgnoreRange = true;
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.Url) { Headers = { Range = new RangeHeaderValue(10, null) } };

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Queued_faults_apply_to_successive_requests_in_order()
    {
        _server.FailFirst(1, 503, retryAfterSeconds: 7);
        _server.Enqueue(HttpFault.DropAfter(1000));

        using var unavailable = await _client.GetAsync(_server.Url);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.GetByteArrayAsync(_server.Url));
        var whole = await _client.GetByteArrayAsync(_server.Url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), unavailable.Headers.RetryAfter!.Delta);
        Assert.Equal(Content, whole);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Corruption_flips_one_byte_and_throttling_still_delivers_everything()
    {
        _server.CorruptByteAt = 5;
        _server.BytesPerSecond = 1_000_000;

        var body = await _client.GetByteArrayAsync(_server.Url);

        Assert.Equal(Content.Length, body.Length);
        Assert.Equal((byte)(Content[5] ^ 0xFF), body[5]);
        Assert.Equal(Content[6..], body[6..]);
    }

    [Fact]
    public async Task A_stalled_response_is_observable_and_released()
    {
        _server.Enqueue(HttpFault.StallAfter(10));
        using var response = await _client.GetAsync(_server.Url, HttpCompletionOption.ResponseHeadersRead);
        await _server.WaitForStallAsync();

        _server.ReleaseStalls();

        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
    }
}
