#pragma warning disable SA1649, SA1402 // Wire-format records of the MLflow REST API, kept together as one schema file.
namespace Pipeline.Tracking.Rest;

internal sealed record MlflowErrorBody(string? ErrorCode, string? Message);

internal sealed record MlflowExperiment(string ExperimentId, string Name, string? ArtifactLocation, string? LifecycleStage);

internal sealed record GetExperimentResponse(MlflowExperiment? Experiment);

internal sealed record CreateExperimentRequest(string Name);

internal sealed record CreateExperimentResponse(string ExperimentId);

internal sealed record MlflowKeyValue(string Key, string Value);

internal sealed record MlflowMetric(string Key, double Value, long Timestamp, long Step);

internal sealed record MlflowRunInfo(
    string RunId,
    string? RunName,
    string ExperimentId,
    string? UserId,
    string? Status,
    long StartTime,
    long? EndTime,
    string? ArtifactUri,
    string? LifecycleStage);

internal sealed record MlflowRunData(
    IReadOnlyList<MlflowMetric>? Metrics,
    IReadOnlyList<MlflowKeyValue>? Params,
    IReadOnlyList<MlflowKeyValue>? Tags);

internal sealed record MlflowRun(MlflowRunInfo Info, MlflowRunData? Data);

internal sealed record RunResponse(MlflowRun Run);

internal sealed record CreateRunRequest(
    string ExperimentId, string? UserId, string RunName, long StartTime, IReadOnlyList<MlflowKeyValue> Tags);

internal sealed record UpdateRunRequest(string RunId, string Status, long EndTime);

internal sealed record LogBatchRequest(
    string RunId, IReadOnlyList<MlflowMetric> Metrics, IReadOnlyList<MlflowKeyValue> Params, IReadOnlyList<MlflowKeyValue> Tags);

internal sealed record SearchRunsRequest(IReadOnlyList<string> ExperimentIds, string Filter, int MaxResults, string? PageToken);

internal sealed record SearchRunsResponse(IReadOnlyList<MlflowRun>? Runs, string? NextPageToken);

internal sealed record MetricHistoryResponse(IReadOnlyList<MlflowMetric>? Metrics, string? NextPageToken);

internal sealed record MlflowFileInfo(string Path, bool IsDir, long? FileSize);

internal sealed record ListArtifactsResponse(string? RootUri, IReadOnlyList<MlflowFileInfo>? Files, string? NextPageToken);

internal sealed record MlflowDataset(string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile);

internal sealed record MlflowDatasetInput(IReadOnlyList<MlflowKeyValue> Tags, MlflowDataset Dataset);

internal sealed record LogInputsRequest(string RunId, IReadOnlyList<MlflowDatasetInput> Datasets);
