namespace Pipeline.Stages.Abstractions;

/// <summary>A failure a stage explains to the user (bad data, checksum mismatch): shown without a stack trace.</summary>
public sealed class StageFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StageFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StageFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public StageFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
