using System.Net;

namespace Pipeline.Tracking.Rest;

/// <summary>An MLflow server answered with an error body (<c>error_code</c>, <c>message</c>) that retrying will not fix.</summary>
public sealed class MlflowApiException : TrackingException
{
    /// <summary>Creates the exception; <paramref name="message"/> must not contain credentials.</summary>
    public MlflowApiException(HttpStatusCode statusCode, string errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>MLflow error code, e.g. RESOURCE_DOES_NOT_EXIST, INVALID_PARAMETER_VALUE.</summary>
    public string ErrorCode { get; }
}
