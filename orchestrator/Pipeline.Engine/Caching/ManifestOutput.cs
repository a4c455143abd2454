namespace Pipeline.Engine.Caching;

/// <summary>One output of a cache entry: its content digest (over paths, sizes and file digests) and its files.</summary>
public sealed record ManifestOutput(string ArtifactType, string Digest, IReadOnlyList<ManifestFile> Files);
