using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Tags;

namespace Pipeline.Tracking.Spool;

/// <summary>Applies spooled events one by one, mapping spool-local run ids to server ids as runs get created.</summary>
internal sealed class ReplaySession
{
    private readonly MlflowRestClient _client;
    private readonly SpoolOffset _offset;
    private readonly ILogger _logger;
    private readonly LogBatchSender _batches;
    private readonly MetricDeduplicator _dedup;
    private readonly IdempotentRunCreator _creator;
    private readonly Dictionary<string, MlflowRun?> _runs = new(StringComparer.Ordinal);

    public ReplaySession(MlflowRestClient client, RetryOptions retry, SpoolOffset offset, ILogger logger)
    {
        _creator = new IdempotentRunCreator(client, retry, logger);
        _client = client;
        _offset = offset;
        _logger = logger;
        _batches = new LogBatchSender(client, logger);
        _dedup = new MetricDeduplicator(client);
    }

    public Task ApplyAsync(SpoolRecord record, CancellationToken ct) => record.Type switch
    {
        SpoolRecordType.CreateRun => CreateRunAsync(record, ct),
        SpoolRecordType.LogBatch => LogBatchAsync(record, ct),
        SpoolRecordType.UpdateRun => _client.UpdateRunAsync(ServerId(record.RunId), RunStatusNames.FromRest(record.Status), record.Time ?? 0, ct),
        SpoolRecordType.LogArtifact => UploadAsync(record, ct),
        SpoolRecordType.LogInputs => _client.LogInputsAsync(new LogInputsRequest(ServerId(record.RunId), record.Inputs ?? []), ct),
        _ => throw new TrackingException($"Unknown spool event type '{record.Type}'."),
    };

    private async Task CreateRunAsync(SpoolRecord record, CancellationToken ct)
    {
        if (_offset.RunIds.ContainsKey(record.RunId))
        {
            return;
        }

        var name = record.Experiment ?? throw new TrackingException($"Spooled run {record.RunId} has no experiment name.");
        if (!_offset.Experiments.TryGetValue(name, out var experimentId))
        {
            experimentId = (await _client.GetOrCreateExperimentAsync(name, ct).ConfigureAwait(false)).ExperimentId;
            _offset.Experiments[name] = experimentId;
        }

        var tags = (record.Tags ?? [])
            .Select(t => t.Key == MlflowTagNames.ParentRunId ? t with { Value = ServerId(t.Value) } : t)
            .Append(new MlflowKeyValue(PipelineTagNames.SpoolRunId, record.RunId))
            .ToList();

        // Spools written before pipeline.client_run_id existed are found by their spool id tag instead.
        var clientRunId = tags.FirstOrDefault(t => t.Key == PipelineTagNames.ClientRunId)?.Value;
        var (identityTag, identity) = clientRunId is null ? (PipelineTagNames.SpoolRunId, record.RunId) : (PipelineTagNames.ClientRunId, clientRunId);
        var run = await _creator.FindOrCreateAsync(
            new CreateRunRequest(experimentId, record.UserId, record.RunName ?? record.RunId, record.Time ?? 0, tags),
            identityTag,
            identity,
            searchFirst: true,
            ct).ConfigureAwait(false);
        var serverId = run.Info.RunId;
        _offset.RunIds[record.RunId] = serverId;
        _logger.LogInformation("Spooled run {LocalId} is MLflow run {RunId}.", record.RunId, serverId);
    }

    private async Task LogBatchAsync(SpoolRecord record, CancellationToken ct)
    {
        var runId = ServerId(record.RunId);
        var metrics = await _dedup.NewOnlyAsync(runId, record.Metrics ?? [], ct).ConfigureAwait(false);
        foreach (var chunk in LogBatchSplitter.Split(runId, metrics, record.Params ?? [], record.Tags ?? []))
        {
            await _batches.SendAsync(chunk, ct).ConfigureAwait(false);
        }
    }

    private async Task UploadAsync(SpoolRecord record, CancellationToken ct)
    {
        var runId = ServerId(record.RunId);
        if (record.LocalPath is null || !File.Exists(record.LocalPath))
        {
            throw new TrackingException($"Spooled artifact '{record.LocalPath}' no longer exists; it cannot be uploaded to run {runId}.");
        }

        if (!_runs.TryGetValue(runId, out var run))
        {
            run = await _client.GetRunAsync(runId, ct).ConfigureAwait(false);
            _runs[runId] = run;
        }

        var proxyPath = ArtifactLocation.ProxyPath(run?.Info.ArtifactUri, run?.Info.ExperimentId, runId);
        var relative = (string.IsNullOrEmpty(record.ArtifactPath) ? string.Empty : record.ArtifactPath + "/") + Path.GetFileName(record.LocalPath);
        await _client.UploadArtifactAsync(proxyPath, relative, record.LocalPath, ct).ConfigureAwait(false);
    }

    private string ServerId(string runId)
    {
        if (!SpoolRunIds.IsLocal(runId))
        {
            return runId;
        }

        return _offset.RunIds.TryGetValue(runId, out var serverId)
            ? serverId
            : throw new TrackingException($"Spooled run {runId} was never created (its create event is missing or was rejected).");
    }
}
