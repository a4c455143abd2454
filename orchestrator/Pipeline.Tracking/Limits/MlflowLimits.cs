namespace Pipeline.Tracking.Limits;

/// <summary>MLflow's documented limits on keys, values and log-batch sizes.</summary>
public static class MlflowLimits
{
    /// <summary>Longest metric/param/tag key.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>Longest param value.</summary>
    public const int MaxParamValueLength = 6000;

    /// <summary>Longest tag value.</summary>
    public const int MaxTagValueLength = 8000;

    /// <summary>Metrics per log-batch call.</summary>
    public const int MaxMetricsPerBatch = 1000;

    /// <summary>Params per log-batch call.</summary>
    public const int MaxParamsPerBatch = 100;

    /// <summary>Tags per log-batch call.</summary>
    public const int MaxTagsPerBatch = 100;

    /// <summary>Metrics, params and tags together per log-batch call.</summary>
    public const int MaxEntitiesPerBatch = 1000;
}
