namespace Pipeline.Stages.Abstractions;

/// <summary>A named, typed input or output of a stage. <see cref="ArtifactType"/> is one of <see cref="ArtifactTypes"/>.</summary>
public sealed record PortSpec(string Name, string ArtifactType, string Description = "", bool Optional = false);
