using System.Net;
using System.Net.Sockets;

namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// A loopback HTTP proxy in front of a real server that loses chosen replies after the server has handled the
/// request (it committed, the client never hears): the client's attempt times out, as behind a flaky network.
/// It can also stand for an overloaded or unreachable server, without forwarding anything: a burst of 503s for
/// the next requests (<see cref="AnswerUnavailable"/>), or an outage (<see cref="Down"/>) during which it stops
/// listening, so connections are refused and open ones closed, until it is over.
/// </summary>
internal sealed class LossyProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly Func<string, int, bool> _lose;
    private int _requests;
    private int _lost;
    private int _burst;
    private int _unavailable;
    private bool _down;

    /// <param name="upstream">The real server's base URI.</param>
    /// <param name="lose">Given the request path and its 0-based ordinal: true to swallow its reply.</param>
    public LossyProxy(string upstream, Func<string, int, bool> lose)
    {
        _upstream = new HttpClient { BaseAddress = new Uri(upstream), Timeout = TimeSpan.FromMinutes(2) };
        _lose = lose;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Uri = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        _listener.Prefixes.Add(Uri + "/");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public string Uri { get; }

    /// <summary>Replies swallowed so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Requests answered 503 without being forwarded.</summary>
    public int Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>
    /// While true the proxy does not listen: connections are refused (as for a server that is down). A reply the
    /// proxy wrote itself without a status would not do: HttpListener closes an aborted response as 200 OK.
    /// </summary>
    public bool Down
    {
        get => _down;
        set
        {
            if (value == _down)
            {
                return;
            }

            _down = value;
            if (value)
            {
                _listener.Stop();
            }
            else
            {
                _listener.Start();
                _ = Task.Run(AcceptAsync);
            }
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests 503 without forwarding them, then forwards again.</summary>
    public void AnswerUnavailable(int count) => Interlocked.Exchange(ref _burst, count);

    public void Dispose()
    {
        _listener.Abort();
        _upstream.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(context, Interlocked.Increment(ref _requests) - 1));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context, int ordinal)
    {
        try
        {
            if (Interlocked.Decrement(ref _burst) >= 0)
            {
                Interlocked.Increment(ref _unavailable);
                var busy = "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"proxy: service unavailable\"}"u8.ToArray();
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = busy.Length;
                await context.Response.OutputStream.WriteAsync(busy);
                context.Response.Close();
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.Url!.PathAndQuery);
            if (body.Length > 0 || context.Request.HttpMethod is "POST" or "PUT")
            {
                request.Content = new ByteArrayContent(body.ToArray());
                if (context.Request.ContentType is { } type)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
            }

            if (context.Request.Headers["Authorization"] is { } auth)
            {
                request.Headers.TryAddWithoutValidation("Authorization", auth);
            }

            using var response = await _upstream.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (_lose(context.Request.Url.AbsolutePath, ordinal))
            {
                Interlocked.Increment(ref _lost);
                return; // handled upstream; no reply ever comes (the connection closes when the proxy stops)
            }

            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or HttpRequestException)
        {
            // The proxy was stopped or the client gave up on this attempt.
        }
    }
}
