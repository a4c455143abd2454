namespace Pipeline.Tracking.Rest;

/// <summary>The server stayed unreachable (or kept answering 429/5xx) after every retry.</summary>
public sealed class MlflowUnavailableException : TrackingException
{
    /// <summary>Creates the exception; <paramref name="message"/> must not contain credentials.</summary>
    public MlflowUnavailableException(string message)
        : base(message)
    {
    }
}
