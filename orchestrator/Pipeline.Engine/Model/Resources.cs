namespace Pipeline.Engine.Model;

/// <summary>What a stage asks of a cluster scheduler (Slurm): CPUs, memory, GPUs, wall time, partition. Null means the default.</summary>
public sealed record Resources(int? Cpus = null, string? Mem = null, int? Gpus = null, string? Time = null, string? Partition = null)
{
    /// <summary>The keys accepted in YAML.</summary>
    public static readonly string[] Keys = ["cpus", "mem", "gpus", "time", "partition"];

    /// <summary>These resources with the unset ones taken from <paramref name="defaults"/>.</summary>
    public Resources Over(Resources? defaults) => defaults is null ? this : new(
        Cpus ?? defaults.Cpus, Mem ?? defaults.Mem, Gpus ?? defaults.Gpus, Time ?? defaults.Time, Partition ?? defaults.Partition);
}
