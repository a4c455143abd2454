namespace Pipeline.Engine.Model;

/// <summary>One validation error: where and what.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message)
{
    /// <summary>Formats as <c>file:line:column: error: message</c>.</summary>
    public override string ToString() => $"{Location}: error: {Message}";
}
