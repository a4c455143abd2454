namespace Pipeline.Stages.Report.Model;

/// <summary>One declared input: whether the pipeline wired it, and to which folder.</summary>
internal sealed record InputStatus(string Name, string ArtifactType, string Description, string? Directory)
{
    /// <summary>True when the pipeline wired this input.</summary>
    public bool Wired => Directory is not null;
}
