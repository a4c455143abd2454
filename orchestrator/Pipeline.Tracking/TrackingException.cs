namespace Pipeline.Tracking;

/// <summary>A tracking failure that retrying will not fix (bad request, permission denied, deleted experiment).</summary>
public class TrackingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrackingException()
    {
    }

    /// <summary>Creates the exception with a message (never containing credentials).</summary>
    public TrackingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TrackingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
