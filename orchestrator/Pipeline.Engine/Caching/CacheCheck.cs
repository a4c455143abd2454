namespace Pipeline.Engine.Caching;

/// <summary>What the cache holds for a key: a valid entry, nothing, or a damaged entry and why.</summary>
public sealed record CacheCheck(CacheState State, Manifest? Manifest, string? Reason)
{
    /// <summary>A valid entry.</summary>
    public bool IsHit => State == CacheState.Hit;
}
