namespace Pipeline.Tracking.Rest;

/// <summary>
/// Bounds on retrying transient failures (connection refused/reset, timeouts, 429, 502, 503, 504).
/// Worst case per request is about <c>MaxRetryAttempts * (AttemptTimeout + MaxDelay)</c>.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on a single backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
