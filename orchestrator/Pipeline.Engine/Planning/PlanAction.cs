namespace Pipeline.Engine.Planning;

/// <summary>What the plan will do with a stage.</summary>
public enum PlanAction
{
    /// <summary>The stage runs.</summary>
    Run,

    /// <summary>A valid cache entry is used.</summary>
    Cached,

    /// <summary>Not needed for the requested target (<c>--until</c>).</summary>
    NotNeeded,
}
