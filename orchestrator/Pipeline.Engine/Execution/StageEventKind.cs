namespace Pipeline.Engine.Execution;

/// <summary>The kinds of <see cref="StageEvent"/>.</summary>
public enum StageEventKind
{
    /// <summary>A metric point.</summary>
    Metric,

    /// <summary>A summary metric.</summary>
    Summary,

    /// <summary>A param derived at run time.</summary>
    Param,

    /// <summary>A file to attach to the run.</summary>
    Artifact,

    /// <summary>Progress of long work.</summary>
    Progress,

    /// <summary>A log line.</summary>
    Log,
}
