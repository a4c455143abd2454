namespace Pipeline.TestSupport.Http;

/// <summary>A fault <see cref="FaultInjectingHttpServer"/> applies to one request; build one with the factory methods.</summary>
public sealed record HttpFault
{
    private HttpFault()
    {
    }

    /// <summary>Answer with this status code and no body instead of the content.</summary>
    public int? StatusCode { get; private init; }

    /// <summary>The <c>Retry-After</c> header (seconds) sent with <see cref="StatusCode"/>.</summary>
    public int? RetryAfterSeconds { get; private init; }

    /// <summary>Close the connection after this many body bytes.</summary>
    public long? DropAfterBytes { get; private init; }

    /// <summary>Drop with a TCP reset instead of a clean close (the client may then lose bytes already in flight).</summary>
    public bool Reset { get; private init; }

    /// <summary>Stop sending after this many body bytes until <see cref="FaultInjectingHttpServer.ReleaseStalls"/> or disposal, then close.</summary>
    public long? StallAfterBytes { get; private init; }

    /// <summary>Answer with <paramref name="statusCode"/> (for example 503 or 429), optionally with a <c>Retry-After</c> header.</summary>
    public static HttpFault Status(int statusCode, int? retryAfterSeconds = null) =>
        new() { StatusCode = statusCode, RetryAfterSeconds = retryAfterSeconds };

    /// <summary>Send the headers and <paramref name="bodyBytes"/> body bytes, then close (or reset) the connection.</summary>
    public static HttpFault DropAfter(long bodyBytes, bool reset = false) =>
        new() { DropAfterBytes = bodyBytes, Reset = reset };

    /// <summary>Send <paramref name="bodyBytes"/> body bytes, then hang until released (to cancel or kill a client mid-body deterministically).</summary>
    public static HttpFault StallAfter(long bodyBytes) => new() { StallAfterBytes = bodyBytes };
}
