namespace Pipeline.Tracking;

/// <summary>A run as the store reports it: identity, state, and its latest metric values, params and tags.</summary>
public sealed record TrackedRunInfo(
    string RunId,
    string ExperimentId,
    string RunName,
    RunStatus Status,
    long StartTimeMs,
    long? EndTimeMs,
    string ArtifactUri,
    IReadOnlyDictionary<string, double> LatestMetrics,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags);
