namespace Pipeline.Stages.Download.Http;

/// <summary>A failure worth retrying (connection reset, silence past the timeout, 5xx, 408, 429), with the server's <c>Retry-After</c> if it sent one.</summary>
public sealed class TransientDownloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientDownloadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransientDownloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TransientDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the delay the server asked for.</summary>
    public TransientDownloadException(string message, TimeSpan? retryAfter)
        : base(message) => RetryAfter = retryAfter;

    /// <summary>How long the server asked the client to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
