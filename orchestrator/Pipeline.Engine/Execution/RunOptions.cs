using Pipeline.Engine.Planning;

namespace Pipeline.Engine.Execution;

/// <summary>How to run: what to force or limit, how many stages at once, and whether to go on after a failure.</summary>
public sealed record RunOptions
{
    /// <summary>Force and until.</summary>
    public PlanOptions Plan { get; init; } = new();

    /// <summary>Independent stages at once.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>Other branches go on after a failure.</summary>
    public bool KeepGoing { get; init; }

    /// <summary>The run id (a new one when null).</summary>
    public string? RunId { get; init; }
}
