namespace Pipeline.Tracking;

/// <summary>One metric observation, as MLflow stores it: (key, value, timestamp in ms, step).</summary>
public readonly record struct MetricPoint(string Key, double Value, long TimestampMs, long Step);
