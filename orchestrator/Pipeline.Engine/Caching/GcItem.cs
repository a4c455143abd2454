namespace Pipeline.Engine.Caching;

/// <summary>One thing <c>gc</c> removes: what kind, where, for which key, how many bytes.</summary>
public sealed record GcItem(GcKind Kind, string Path, string Key, long Bytes);
