using Pipeline.Tracking.Settings;

namespace Pipeline.Tracking.Rest;

/// <summary>Creates the HttpClient for one tracking server: auth header, TLS policy, no client-level timeout (Polly owns it).</summary>
internal static class HttpClientFactory
{
    public static HttpClient Create(TrackingSettings settings, RetryOptions retry)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = retry.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (settings.InsecureTls)
        {
#pragma warning disable CA5359 // The user opted out of verification explicitly (MLFLOW_TRACKING_INSECURE_TLS=true), as MLflow's own client allows.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(settings.TrackingUri.TrimEnd('/') + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (settings.Credentials is { } credentials)
        {
            client.DefaultRequestHeaders.Authorization = credentials.ToHeader();
        }

        return client;
    }
}
