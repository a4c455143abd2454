namespace Pipeline.Engine.Execution;

/// <summary>How an execution ended.</summary>
public sealed record StageOutcome(StageOutcomeKind Kind, string? Message = null, int? ExitCode = null)
{
    /// <summary>Success.</summary>
    public static StageOutcome Success { get; } = new(StageOutcomeKind.Succeeded, null, 0);
}
