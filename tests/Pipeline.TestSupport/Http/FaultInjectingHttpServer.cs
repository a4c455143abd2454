using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.TestSupport.Http;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) that serves one byte array at <see cref="Url"/>, honours
/// <c>Range</c> (206 with <c>Content-Range</c>) and <c>If-Range</c>, sends an <c>ETag</c> and <c>Last-Modified</c>,
/// and injects faults: per request (<see cref="Enqueue"/>: a status such as 503/429 with <c>Retry-After</c>, a dropped
/// or stalled body) or for every request (<see cref="IgnoreRange"/>, <see cref="CorruptByteAt"/>,
/// <see cref="BytesPerSecond"/>). Every request is recorded in <see cref="Requests"/>. One request per connection.
/// </summary>
public sealed class FaultInjectingHttpServer : IAsyncDisposable, IDisposable
{
    private const int ChunkBytes = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<HttpFault> _faults = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<Task> _connections = [];
    private readonly Lock _gate = new();
    private readonly Task _acceptLoop;
    private TaskCompletionSource _release = NewSignal();
    private TaskCompletionSource _stalled = NewSignal();
    private volatile byte[] _content;
    private bool _disposed;

    /// <summary>Starts serving <paramref name="content"/> at <paramref name="path"/>.</summary>
    public FaultInjectingHttpServer(byte[] content, string path = "/stl10_binary.tar.gz")
    {
        _content = content;
        Path = path;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The path the content is served at; other paths get 404.</summary>
    public string Path { get; }

    /// <summary>The URL of the content.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}{Path}");

    /// <summary>The bytes served; replace them (and <see cref="ETag"/>) to simulate a changed file.</summary>
    public byte[] Content
    {
        get => _content;
        set => _content = value;
    }

    /// <summary>The <c>ETag</c> sent (null: none).</summary>
    public string? ETag { get; set; } = "\"v1\"";

    /// <summary>The <c>Last-Modified</c> sent (null: none).</summary>
    public DateTimeOffset? LastModified { get; set; } = new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When true every GET is answered 200 with the full body, whatever its <c>Range</c>.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>When set, the byte at this offset of the content is flipped in every response that covers it.</summary>
    public long? CorruptByteAt { get; set; }

    /// <summary>When set, bodies are sent at about this many bytes per second (for tests that kill a client mid-download).</summary>
    public long? BytesPerSecond { get; set; }

    /// <summary>When false, a 200 response has no <c>Content-Length</c>: its body ends when the connection closes.</summary>
    public bool SendContentLength { get; set; } = true;

    /// <summary>A snapshot of the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Applies <paramref name="fault"/> to the next request that has no fault yet (faults are used in order).</summary>
    public void Enqueue(HttpFault fault) => _faults.Enqueue(fault);

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/>.</summary>
    public void FailFirst(int count, int statusCode = 503, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < count; i++)
        {
            Enqueue(HttpFault.Status(statusCode, retryAfterSeconds));
        }
    }

    /// <summary>Completes when a response has reached a <see cref="HttpFault.StallAfter"/> point.</summary>
    public Task WaitForStallAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _stalled.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Lets stalled responses end (their connections are then closed without the rest of the body).</summary>
    public void ReleaseStalls()
    {
        lock (_gate)
        {
            _release.TrySetResult();
            _release = NewSignal();
            _stalled = NewSignal();
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _release.TrySetResult();
            pending = [.. _connections, _acceptLoop];
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Connections cut short by the shutdown.
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var reset = false;
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var request = await ReadRequestAsync(stream, _stop.Token).ConfigureAwait(false);
            if (request is null)
            {
                return;
            }

            reset = await RespondAsync(stream, request, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            Close(socket, reset);
        }
    }

    private static void Close(Socket socket, bool reset)
    {
        try
        {
            if (reset)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // Already closed by the client.
        }

        socket.Dispose();
    }

    private async Task<bool> RespondAsync(NetworkStream stream, ParsedRequest request, CancellationToken cancellationToken)
    {
        _faults.TryDequeue(out var fault);
        var content = _content;
        var etag = ETag;
        var lastModified = LastModified?.ToString("R", CultureInfo.InvariantCulture);
        if (request.Path.Split('?')[0] != Path)
        {
            Record(request, 404);
            await WriteHeadAsync(stream, 404, "Not Found", [("Content-Length", "0")], cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (fault?.StatusCode is { } status)
        {
            Record(request, status);
            var headers = new List<(string, string)> { ("Content-Length", "0") };
            if (fault.RetryAfterSeconds is { } seconds)
            {
                headers.Add(("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
            }

            await WriteHeadAsync(stream, status, "Injected Fault", headers, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var validators = new List<(string, string)>();
        if (etag is not null)
        {
            validators.Add(("ETag", etag));
        }

        if (lastModified is not null)
        {
            validators.Add(("Last-Modified", lastModified));
        }

        long start = 0, end = content.LongLength - 1;
        var partial = false;
        if (!IgnoreRange && request.Range is { } range && IfRangeMatches(request.IfRange, etag, lastModified) && TryParseRange(range, out var from, out var to))
        {
            if (from >= content.LongLength)
            {
                Record(request, 416);
                await WriteHeadAsync(stream, 416, "Range Not Satisfiable", [("Content-Range", $"bytes */{content.LongLength}"), ("Content-Length", "0"), .. validators], cancellationToken).ConfigureAwait(false);
                return false;
            }

            start = from;
            end = Math.Min(to ?? end, end);
            partial = true;
        }

        var length = end - start + 1;
        List<(string, string)> head = [("Content-Type", "application/octet-stream"), ("Accept-Ranges", "bytes"), .. validators];
        if (SendContentLength || partial)
        {
            head.Insert(0, ("Content-Length", length.ToString(CultureInfo.InvariantCulture)));
        }

        if (partial)
        {
            head.Add(("Content-Range", $"bytes {start}-{end}/{content.LongLength}"));
        }

        Record(request, partial ? 206 : 200);
        await WriteHeadAsync(stream, partial ? 206 : 200, partial ? "Partial Content" : "OK", head, cancellationToken).ConfigureAwait(false);
        if (request.Method == "HEAD")
        {
            return false;
        }

        return await WriteBodyAsync(stream, content, start, length, fault, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> WriteBodyAsync(NetworkStream stream, byte[] content, long start, long length, HttpFault? fault, CancellationToken cancellationToken)
    {
        var limit = Math.Min(length, fault?.DropAfterBytes ?? fault?.StallAfterBytes ?? long.MaxValue);
        var rate = BytesPerSecond;
        var chunk = rate is { } bps ? (int)Math.Clamp(bps / 20, 1, ChunkBytes) : ChunkBytes;
        var corrupt = CorruptByteAt;
        var buffer = new byte[chunk];
        long sent = 0;
        while (sent < limit)
        {
            var n = (int)Math.Min(chunk, limit - sent);
            Array.Copy(content, start + sent, buffer, 0, n);
            if (corrupt is { } at && at >= start + sent && at < start + sent + n)
            {
                buffer[at - start - sent] ^= 0xFF;
            }

            await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            sent += n;
            if (rate is not null)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (sent < length && fault?.StallAfterBytes is not null)
        {
            Task release;
            lock (_gate)
            {
                _stalled.TrySetResult();
                release = _release.Task;
            }

            await release.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return sent < length && fault?.Reset == true;
    }

    private void Record(ParsedRequest request, int status)
    {
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(request.Method, request.Path, request.Range, request.IfRange, status));
        }
    }

    private static bool IfRangeMatches(string? ifRange, string? etag, string? lastModified) =>
        ifRange is null || ifRange == etag || ifRange == lastModified;

    private static bool TryParseRange(string range, out long from, out long? to)
    {
        from = 0;
        to = null;
        if (!range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || range.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = range[6..].Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            return false;
        }

        if (parts[1].Length > 0)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) || last < from)
            {
                return false;
            }

            to = last;
        }

        return true;
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, string reason, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        text.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ParsedRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        var filled = 0;
        int end;
        while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == buffer.Length)
            {
                return null;
            }

            var n = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            filled += n;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 2)
        {
            return null;
        }

        string? Header(string name) =>
            lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).FirstOrDefault();

        return new ParsedRequest(requestLine[0], requestLine[1], Header("Range"), Header("If-Range"));
    }

    private sealed record ParsedRequest(string Method, string Path, string? Range, string? IfRange);
}
