namespace Pipeline.Tracking.FileStore;

/// <summary>An experiment as read from its meta.yaml.</summary>
internal sealed record ExperimentRecord(string Id, string Name, string LifecycleStage);
