namespace Pipeline.Tracking.Spool;

/// <summary>What a replay did.</summary>
/// <param name="Sent">Events delivered to the server in this replay.</param>
/// <param name="Failed">Events the server rejected for good (logged, acknowledged, not retried).</param>
/// <param name="Pending">Events still waiting because the server became unreachable or refused the credentials.</param>
/// <param name="RunIdMap">Spool-local run id to server run id, for every run created from this spool so far.</param>
public sealed record SpoolReplayResult(int Sent, int Failed, int Pending, IReadOnlyDictionary<string, string> RunIdMap)
{
    /// <summary>True when nothing is left to replay.</summary>
    public bool Completed => Pending == 0;

    /// <summary>True when the replay stopped because the server answered 401 or 403: fix the credentials and sync again.</summary>
    public bool CredentialsRefused { get; init; }

    /// <summary>Why the replay stopped early (no credentials in it), or null when it did not.</summary>
    public string? StopReason { get; init; }
}
