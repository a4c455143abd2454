namespace Pipeline.Engine.Model;

/// <summary>The pipeline as the user asked for it (the wish); what ran is recorded in the ledger.</summary>
public sealed record PipelineDefinition(
    string Name,
    string Experiment,
    int Seed,
    string? TrackingUri,
    IReadOnlyList<StageDefinition> Stages,
    string SourcePath,
    string SourceText)
{
    /// <summary>The executor the pipeline asks for (<c>local</c> or <c>slurm</c>); the command line wins.</summary>
    public string? Executor { get; init; }

    /// <summary>Pipeline-wide resource defaults for cluster executors.</summary>
    public Resources? Resources { get; init; }

    /// <summary>The params swept by default (<c>sweep:</c>).</summary>
    public IReadOnlyList<SweepAxis> Sweep { get; init; } = [];

    /// <summary>The stage with id <paramref name="id"/>, or null.</summary>
    public StageDefinition? Find(string id) => Stages.FirstOrDefault(s => s.Id == id);
}
