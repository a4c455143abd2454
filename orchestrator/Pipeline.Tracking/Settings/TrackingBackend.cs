namespace Pipeline.Tracking.Settings;

/// <summary>Which MLflow store a tracking URI points at.</summary>
public enum TrackingBackend
{
    /// <summary>An MLflow tracking server reached over its REST API (http or https).</summary>
    Rest,

    /// <summary>A local MLflow file store folder (file: URI or plain path, default ./mlruns).</summary>
    FileStore,
}
