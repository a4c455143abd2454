namespace Pipeline.Engine.Planning;

/// <summary>What the user asked to force or to limit.</summary>
public sealed record PlanOptions
{
    /// <summary>Stage ids to force; "all" forces every stage.</summary>
    public IReadOnlySet<string> Force { get; init; } = new HashSet<string>();

    /// <summary>Run only this stage and what it needs.</summary>
    public string? Until { get; init; }

    /// <summary>True when <paramref name="stageId"/> is forced.</summary>
    public bool IsForced(string stageId) => Force.Contains("all") || Force.Contains(stageId);
}
