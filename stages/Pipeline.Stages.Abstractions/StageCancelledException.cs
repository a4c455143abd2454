namespace Pipeline.Stages.Abstractions;

/// <summary>Thrown by a stage that stopped on request after saving its checkpoint.</summary>
public sealed class StageCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public StageCancelledException()
        : base("the stage was cancelled")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StageCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public StageCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
