namespace Pipeline.Stages.Download.Http;

/// <summary>
/// Decides whether a failed download attempt may be retried and after how long. Only attempts that end without
/// progress (the partial file no longer than the furthest it ever reached) count against the budget, and
/// progress resets the backoff, so a slow link that drops but keeps advancing always finishes, while one that
/// never advances still gives up after <c>maxRetries</c> retries in a row.
/// </summary>
public sealed class RetryBudget
{
    private readonly int _maxRetries;
    private readonly TimeSpan _delay;
    private readonly TimeSpan _maxDelay;
    private long _furthest;

    /// <summary>A budget of <paramref name="maxRetries"/> retries in a row without progress, starting at byte <paramref name="start"/>.</summary>
    public RetryBudget(int maxRetries, TimeSpan delay, TimeSpan maxDelay, long start = 0)
    {
        _maxRetries = maxRetries;
        _delay = delay;
        _maxDelay = maxDelay;
        _furthest = start;
    }

    /// <summary>Failed attempts so far.</summary>
    public int Failures { get; private set; }

    /// <summary>Failed attempts in a row that made no progress.</summary>
    public int FailuresWithoutProgress { get; private set; }

    /// <summary>Records a failed attempt that left the partial file at <paramref name="position"/>; true when another attempt may follow.</summary>
    public bool Failed(long position)
    {
        Failures++;
        if (position > _furthest)
        {
            _furthest = position;
            FailuresWithoutProgress = 0;
            return true;
        }

        FailuresWithoutProgress++;
        return FailuresWithoutProgress <= _maxRetries;
    }

    /// <summary>
    /// The wait before the next attempt: the base delay after progress, doubling with each failure in a row
    /// without progress, capped; <paramref name="jitter"/> in [0, 1) spreads it by -25% to +25%.
    /// </summary>
    public TimeSpan NextDelay(double jitter)
    {
        var doublings = Math.Min(Math.Max(FailuresWithoutProgress - 1, 0), 30);
        var delay = Math.Min(_delay.TotalSeconds * Math.Pow(2, doublings), _maxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(delay * (0.75 + (0.5 * jitter)));
    }
}
