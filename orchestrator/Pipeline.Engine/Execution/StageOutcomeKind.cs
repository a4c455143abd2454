namespace Pipeline.Engine.Execution;

/// <summary>The ways an execution can end.</summary>
public enum StageOutcomeKind
{
    /// <summary>Finished; outputs are staged.</summary>
    Succeeded,

    /// <summary>Failed (error, crash, killed).</summary>
    Failed,

    /// <summary>Stopped on request; the checkpoint is kept.</summary>
    Cancelled,
}
