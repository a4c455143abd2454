using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.TestSupport.Http;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) that serves one byte array at <see cref="Url"/>, honours
/// <c>Range</c> (206 with <c>Content-Range</c>) and <c>If-Range</c>, sends an <c>ETag</c> and <c>Last-Modified</c>,
/// and injects faults: per request (<see cref="Enqueue"/>: a status such as 503/429 with <c>Retry-After</c>, a dropped
/// or stalled body) or for every request (<see cref="IgnoreRange"/>, <see cref="CorruptByteAt"/>,
/// <see cref="BytesPerSecond"/>). Every request is recorded in <see cref="Requests"/>. One request per connection.
/// </summary>
public sealed partial class FaultInjectingHttpServer : IAsyncDisposable, IDisposable
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
}
