namespace Pipeline.Tracking.Spool;

/// <summary>Ids given to runs started while the server was unreachable; mapped to server ids at replay.</summary>
public static class SpoolRunIds
{
    private const string Prefix = "local-";

    /// <summary>A fresh local id: "local-" and 32 hex digits.</summary>
    public static string NewLocal() => Prefix + Guid.NewGuid().ToString("N");

    /// <summary>The local id of a run whose <c>pipeline.client_run_id</c> is <paramref name="clientRunId"/>.</summary>
    public static string ForClientRunId(string clientRunId) => Prefix + clientRunId;

    /// <summary>True for ids made by <see cref="NewLocal"/>.</summary>
    public static bool IsLocal(string runId) => runId.StartsWith(Prefix, StringComparison.Ordinal);
}
