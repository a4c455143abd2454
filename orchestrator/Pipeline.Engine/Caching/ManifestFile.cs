namespace Pipeline.Engine.Caching;

/// <summary>One file of an output: path relative to the output folder, size, digest, and the mtime seen when hashed.</summary>
public sealed record ManifestFile(string Path, long Size, string Sha256, long MtimeTicks);
