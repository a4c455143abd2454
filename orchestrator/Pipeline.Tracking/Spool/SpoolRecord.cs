using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.Spool;

/// <summary>
/// One spooled event (one JSON line). Fields unused by a <see cref="Type"/> stay null. Holds data only:
/// never settings or credentials.
/// </summary>
internal sealed record SpoolRecord
{
    public long Seq { get; init; }

    public required string Type { get; init; }

    public required string RunId { get; init; }

    public string? Experiment { get; init; }

    public string? RunName { get; init; }

    public string? UserId { get; init; }

    public long? Time { get; init; }

    public string? Status { get; init; }

    public IReadOnlyList<MlflowMetric>? Metrics { get; init; }

    public IReadOnlyList<MlflowKeyValue>? Params { get; init; }

    public IReadOnlyList<MlflowKeyValue>? Tags { get; init; }

    public IReadOnlyList<MlflowDatasetInput>? Inputs { get; init; }

    public string? LocalPath { get; init; }

    public string? ArtifactPath { get; init; }
}
