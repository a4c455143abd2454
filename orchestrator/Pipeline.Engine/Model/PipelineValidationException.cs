namespace Pipeline.Engine.Model;

/// <summary>The pipeline is invalid; carries every error found, not only the first.</summary>
public sealed class PipelineValidationException : Exception
{
    /// <summary>Creates the exception from a non-empty list of diagnostics.</summary>
    public PipelineValidationException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with one message.</summary>
    public PipelineValidationException(string message)
        : this([new Diagnostic(new SourceLocation("<input>", 0, 0), message)])
    {
    }

    /// <summary>Creates the exception with an empty list (required by analyzers; not used).</summary>
    public PipelineValidationException()
        : this("invalid pipeline")
    {
    }

    /// <summary>Creates the exception wrapping another (required by analyzers; not used).</summary>
    public PipelineValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [new Diagnostic(new SourceLocation("<input>", 0, 0), message)];
    }

    /// <summary>Every error, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
