using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;

namespace Pipeline.Tracking.Tests.Fakes;

/// <summary>Builds settings and trackers for tests with short retries so fault tests stay fast.</summary>
internal static class TestTrackers
{
    public static readonly RetryOptions FastRetry = new()
    {
        MaxRetryAttempts = 2,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    public static TrackingSettings Settings(string uri, string experiment = "exp", Dictionary<string, string>? env = null) =>
        TrackingSettings.Resolve(new TrackingSources("pipe", CommandLineUri: uri, PipelineExperiment: experiment), env ?? []);

    public static RestExperimentTracker Rest(TrackingSettings settings, string? spool, ILoggerFactory? logs = null, RetryOptions? retry = null) =>
        new(settings, new TrackerOptions
        {
            SpoolDirectory = spool,
            Retry = retry ?? FastRetry,
            UserName = "tester",
            LoggerFactory = logs ?? new CapturingLoggerFactory(),
        });

    public static RestExperimentTracker Rest(FakeMlflowServer server, string? spool, ILoggerFactory? logs = null, string experiment = "exp") =>
        Rest(Settings(server.Uri, experiment), spool, logs);
}
