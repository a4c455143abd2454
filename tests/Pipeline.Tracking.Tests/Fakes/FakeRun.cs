namespace Pipeline.Tracking.Tests.Fakes;

/// <summary>Server-side state of one run in the fake MLflow server.</summary>
internal sealed class FakeRun
{
    public required string RunId { get; init; }

    public required string ExperimentId { get; init; }

    public required string RunName { get; init; }

    public string? UserId { get; init; }

    public string Status { get; set; } = "RUNNING";

    public long StartTime { get; init; }

    public long? EndTime { get; set; }

    public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<MetricPoint> Metrics { get; } = [];

    /// <summary>Logged dataset inputs: name, digest, source type, context tag.</summary>
    public List<(string Name, string Digest, string SourceType, string? Context)> Inputs { get; } = [];

    public string ArtifactRoot => $"{ExperimentId}/{RunId}/artifacts";
}
