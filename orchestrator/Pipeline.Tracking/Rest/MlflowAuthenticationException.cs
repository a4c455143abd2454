using System.Net;
using Pipeline.Tracking.Settings;

namespace Pipeline.Tracking.Rest;

/// <summary>
/// The server answered 401 (not authenticated) or 403 (permission denied). Retrying with the same credentials
/// cannot help, and acknowledging the events would lose them: they stay pending until the user fixes the
/// credentials. The message names the environment variables to set and never the credentials themselves.
/// </summary>
public sealed class MlflowAuthenticationException : MlflowUnavailableException
{
    /// <summary>Creates the exception; <paramref name="message"/> must not contain credentials.</summary>
    public MlflowAuthenticationException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>401 or 403.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>What to do, naming the variables MLflow clients read (no values).</summary>
    public static string Hint(HttpStatusCode status, string authScheme) => status == HttpStatusCode.Forbidden
        ? $"The credentials (auth {authScheme}) lack permission for this: grant it on the server, or set "
            + $"{TrackingEnvironment.Token}, or {TrackingEnvironment.Username} and {TrackingEnvironment.Password}, to an account that has it."
        : $"Set {TrackingEnvironment.Token}, or {TrackingEnvironment.Username} and {TrackingEnvironment.Password}, "
            + $"to credentials the server accepts (auth sent: {authScheme}).";
}
