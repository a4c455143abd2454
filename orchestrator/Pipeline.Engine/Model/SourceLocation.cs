namespace Pipeline.Engine.Model;

/// <summary>A place in a pipeline file (1-based line and column), or a command-line argument.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>Formats as <c>file:line:column</c>.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
