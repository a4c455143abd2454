namespace Pipeline.Engine.Execution;

/// <summary>Everything needed to execute one stage, in or out of process (serialised as the stage process's request file).</summary>
public sealed record StageInvocation
{
    /// <summary>The stage id.</summary>
    public required string StageId { get; init; }

    /// <summary>The stage type name.</summary>
    public required string StageType { get; init; }

    /// <summary>The orchestrator run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The cache key being computed.</summary>
    public required string Key { get; init; }

    /// <summary>Canonical params JSON.</summary>
    public required string ParamsJson { get; init; }

    /// <summary>The pipeline seed.</summary>
    public int Seed { get; init; }

    /// <summary>Input name to upstream output folder.</summary>
    public required IReadOnlyDictionary<string, string> Inputs { get; init; }

    /// <summary>The staging folder (outputs are its subfolders).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The checkpoint folder for this key.</summary>
    public required string CheckpointDirectory { get; init; }

    /// <summary>Where the stage's log is written.</summary>
    public required string LogPath { get; init; }

    /// <summary>
    /// Seconds between a scheduler's final SIGTERM and its SIGKILL (Slurm's <c>KillWait</c>), when the stage runs
    /// under one that says; null otherwise (the orchestrator waits for a stage it asked to stop).
    /// </summary>
    public double? StopGraceSeconds { get; init; }

    /// <summary>What the stage asks of a cluster scheduler (used by the Slurm executor).</summary>
    public Model.Resources? Resources { get; init; }
}
