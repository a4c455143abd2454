namespace Pipeline.Engine.Caching;

/// <summary>The state of a cache entry.</summary>
public enum CacheState
{
    /// <summary>No entry for the key.</summary>
    Missing,

    /// <summary>A complete entry whose files match its manifest.</summary>
    Hit,

    /// <summary>An entry with a missing, truncated or altered file, or no valid manifest.</summary>
    Damaged,
}
