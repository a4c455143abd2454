namespace Pipeline.Orchestrator.Tracking;

/// <summary>What replaying the spools did: events still pending, and the credentials problem that stopped it, if any.</summary>
/// <param name="Pending">Events not yet on the server (kept for a later sync).</param>
/// <param name="CredentialsProblem">The server's 401/403 with the variables to set; null when credentials were not the problem.</param>
public sealed record TrackingSyncOutcome(int Pending, string? CredentialsProblem);
