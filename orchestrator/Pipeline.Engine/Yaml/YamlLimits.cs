namespace Pipeline.Engine.Yaml;

/// <summary>
/// What a pipeline file may hold, so that no file can exhaust memory or the stack while it is read
/// (docs/pipeline-yaml.md, "Limits"). Far above what a real pipeline uses.
/// </summary>
public static class YamlLimits
{
    /// <summary>The largest pipeline file read, in bytes (1 MiB).</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>How deep mappings and sequences may nest, the top-level mapping counting as 1.</summary>
    public const int MaxDepth = 32;

    /// <summary>The longest single value (scalar), in characters (64 KiB).</summary>
    public const int MaxValueChars = 64 * 1024;

    /// <summary>How many values (scalars and collections) the file may stand for once every alias is expanded.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>How many characters of values the file may stand for once every alias is expanded (4 MiB).</summary>
    public const long MaxExpandedChars = 4L << 20;

    /// <summary>How much of a value an error message repeats.</summary>
    public const int MaxEchoChars = 80;
}
