namespace Pipeline.Engine.Caching;

/// <summary>Who holds a key lock: shown to a second orchestrator that has to wait.</summary>
public sealed record LockOwner(string RunId, int Pid, string Host, string StageId, DateTimeOffset Since);
