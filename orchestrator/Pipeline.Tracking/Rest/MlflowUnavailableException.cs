namespace Pipeline.Tracking.Rest;

/// <summary>
/// The server cannot take our events now: it stayed unreachable (or kept answering 429/5xx) after every retry,
/// or it refused our credentials (<see cref="MlflowAuthenticationException"/>). Either way events are spooled
/// and kept pending until a later replay gets through.
/// </summary>
public class MlflowUnavailableException : TrackingException
{
    /// <summary>Creates the exception; <paramref name="message"/> must not contain credentials.</summary>
    public MlflowUnavailableException(string message)
        : base(message)
    {
    }
}
