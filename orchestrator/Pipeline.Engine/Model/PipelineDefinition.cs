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
    /// <summary>The stage with id <paramref name="id"/>, or null.</summary>
    public StageDefinition? Find(string id) => Stages.FirstOrDefault(s => s.Id == id);
}
