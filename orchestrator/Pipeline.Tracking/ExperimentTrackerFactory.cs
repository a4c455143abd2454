using Pipeline.Tracking.FileStore;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;

namespace Pipeline.Tracking;

/// <summary>Picks the tracker implementation for the resolved settings.</summary>
public static class ExperimentTrackerFactory
{
    /// <summary>A REST tracker for http(s) URIs, a file store tracker otherwise.</summary>
    public static IExperimentTracker Create(TrackingSettings settings, TrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new TrackerOptions();
        return settings.Backend switch
        {
            TrackingBackend.Rest => new RestExperimentTracker(settings, options),
            _ => new FileStoreTracker(settings.TrackingUri, settings.ExperimentName, options),
        };
    }
}
