using System.Net;

namespace Pipeline.Tracking.Rest;

/// <summary>Which HTTP statuses are worth retrying: throttling and gateway/availability errors.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
