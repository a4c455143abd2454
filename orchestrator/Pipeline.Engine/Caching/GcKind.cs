namespace Pipeline.Engine.Caching;

/// <summary>The kinds of things <c>gc</c> removes.</summary>
public enum GcKind
{
    /// <summary>A cache entry no wanted key needs.</summary>
    Entry,

    /// <summary>A checkpoint folder (or its process lock) of a key no longer wanted, or an empty one.</summary>
    Checkpoint,

    /// <summary>An entry moved aside as damaged.</summary>
    Damaged,

    /// <summary>A staging folder left by a run that is over.</summary>
    Staging,

    /// <summary>A request, result, sbatch or Slurm output file left by a run that is over.</summary>
    ExecutorFile,

    /// <summary>A lock file nobody holds.</summary>
    Lock,
}
