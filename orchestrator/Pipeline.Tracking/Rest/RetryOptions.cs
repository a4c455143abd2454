using System.Globalization;
using Pipeline.Tracking.Settings;

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

    /// <summary>
    /// The defaults, with MLflow's own <c>MLFLOW_HTTP_REQUEST_TIMEOUT</c> (seconds per attempt) and
    /// <c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c> applied when set, as MLflow's clients honour them.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is set to something other than a whole number in range.</exception>
    public static RetryOptions FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = new RetryOptions();
        if (Whole(environment, TrackingEnvironment.HttpRequestTimeout, 1, 86_400) is { } seconds)
        {
            options = options with { AttemptTimeout = TimeSpan.FromSeconds(seconds) };
        }

        if (Whole(environment, TrackingEnvironment.HttpRequestMaxRetries, 0, 100) is { } retries)
        {
            options = options with { MaxRetryAttempts = retries };
        }

        return options;
    }

    private static int? Whole(IReadOnlyDictionary<string, string> environment, string name, int min, int max)
    {
        if (!environment.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name}='{raw}' is not a whole number from {min} to {max}: set it to one, or unset it for the default.");
    }
}
