using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Spool;
using Pipeline.Tracking.Tags;

namespace Pipeline.Tracking.Rest;

/// <summary>
/// Tracks to an MLflow server over REST API 2.0. If the server is unreachable after the bounded retries,
/// the invocation carries on and events are spooled (see <see cref="SpoolReplayer"/>).
/// </summary>
public sealed class RestExperimentTracker : IExperimentTracker
{
    private readonly RestTrackingContext _context;
    private readonly SemaphoreSlim _experimentGate = new(1, 1);
    private string? _experimentId;

    /// <summary>Creates a tracker for an http(s) tracking URI.</summary>
    public RestExperimentTracker(TrackingSettings settings, TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Backend != TrackingBackend.Rest)
        {
            throw new ArgumentException("The REST tracker needs an http:// or https:// tracking URI.", nameof(settings));
        }

        _context = new RestTrackingContext(settings, options);
    }

    /// <inheritdoc />
    public string Description => _context.Settings.ToString();

    /// <summary>True once the server was found unreachable and events are being spooled.</summary>
    public bool IsOffline => _context.Offline;

    /// <inheritdoc />
    public async Task<string?> GetOrCreateExperimentAsync(CancellationToken cancellationToken)
    {
        if (_experimentId is not null || _context.Offline)
        {
            return _experimentId;
        }

        await _experimentGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_experimentId is null && !_context.Offline)
            {
                var experiment = await _context.Client.GetOrCreateExperimentAsync(_context.Settings.ExperimentName, cancellationToken).ConfigureAwait(false);
                _experimentId = experiment.ExperimentId;
            }
        }
        catch (MlflowUnavailableException ex)
        {
            _context.GoOffline(ex);
        }
        finally
        {
            _experimentGate.Release();
        }

        return _experimentId;
    }

    /// <inheritdoc />
    public Task<ITrackedRun> StartRunAsync(
        string runName, string? parentRunId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        StartRunAsync(runName, parentRunId, tags, null, cancellationToken);

    /// <inheritdoc />
    public async Task<ITrackedRun> StartRunAsync(
        string runName, string? parentRunId, IReadOnlyDictionary<string, string> tags, DateTimeOffset? startTime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runName);
        var allTags = new List<MlflowKeyValue>();
        foreach (var (key, value) in tags)
        {
            allTags.Add(new MlflowKeyValue(key, _context.Validator.Tag(key, value)));
        }

        if (!tags.ContainsKey(MlflowTagNames.RunName))
        {
            allTags.Add(new MlflowKeyValue(MlflowTagNames.RunName, runName));
        }

        if (parentRunId is not null)
        {
            allTags.RemoveAll(t => t.Key == MlflowTagNames.ParentRunId);
            allTags.Add(new MlflowKeyValue(MlflowTagNames.ParentRunId, parentRunId));
        }

        var clientRunId = Guid.NewGuid().ToString("N");
        allTags.RemoveAll(t => t.Key == PipelineTagNames.ClientRunId);
        allTags.Add(new MlflowKeyValue(PipelineTagNames.ClientRunId, clientRunId));
        var startMs = startTime?.ToUnixTimeMilliseconds() ?? _context.Now();
        var experimentId = await GetOrCreateExperimentAsync(cancellationToken).ConfigureAwait(false);
        var parentIsLocal = parentRunId is not null && SpoolRunIds.IsLocal(parentRunId);
        if (experimentId is not null && !_context.Offline && !parentIsLocal)
        {
            try
            {
                var run = await _context.Creator.FindOrCreateAsync(
                    new CreateRunRequest(experimentId, _context.Options.UserName, runName, startMs, allTags),
                    PipelineTagNames.ClientRunId,
                    clientRunId,
                    searchFirst: false,
                    cancellationToken).ConfigureAwait(false);
                _context.Logger.LogInformation("Started MLflow run {RunId} '{RunName}' in experiment {ExperimentId}.", run.Info.RunId, runName, experimentId);
                return new RestTrackedRun(_context, run.Info.RunId, experimentId, run.Info.ArtifactUri);
            }
            catch (MlflowUnavailableException ex)
            {
                _context.GoOffline(ex);
            }
        }

        var localId = SpoolRunIds.ForClientRunId(clientRunId);
        _context.WriteSpool(new SpoolRecord
        {
            Type = SpoolRecordType.CreateRun,
            RunId = localId,
            Experiment = _context.Settings.ExperimentName,
            RunName = runName,
            UserId = _context.Options.UserName,
            Time = startMs,
            Tags = allTags,
        });
        _context.Logger.LogWarning("Run '{RunName}' spooled as {RunId}; 'tracking sync' (or the next run) sends it to MLflow.", runName, localId);
        return new RestTrackedRun(_context, localId, null, null);
    }

    /// <inheritdoc />
    /// <exception cref="MlflowUnavailableException">The server is unreachable.</exception>
    public async Task<IReadOnlyList<TrackedRunInfo>> FindRunsAsync(string tagKey, string tagValue, CancellationToken cancellationToken)
    {
        var experimentId = await RequireExperimentAsync(cancellationToken).ConfigureAwait(false);
        var runs = await _context.Client.SearchRunsAsync(experimentId, RunInfoMapper.TagFilter(tagKey, tagValue), cancellationToken).ConfigureAwait(false);
        return runs.Select(RunInfoMapper.ToInfo).ToList();
    }

    /// <inheritdoc />
    /// <exception cref="MlflowUnavailableException">The server is unreachable.</exception>
    public async Task<TrackedRunInfo?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        if (SpoolRunIds.IsLocal(runId))
        {
            return null;
        }

        var run = await _context.Client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return run is null ? null : RunInfoMapper.ToInfo(run);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken)
    {
        if (SpoolRunIds.IsLocal(runId))
        {
            return [];
        }

        var points = await _context.Client.GetMetricHistoryAsync(runId, key, cancellationToken).ConfigureAwait(false);
        return points.Select(m => new MetricPoint(m.Key, m.Value, m.Timestamp, m.Step)).ToList();
    }

    /// <inheritdoc />
    public async Task SetRunStatusAsync(string runId, RunStatus status, CancellationToken cancellationToken)
    {
        var endTime = _context.Now();
        if (!_context.Offline && !SpoolRunIds.IsLocal(runId))
        {
            try
            {
                await _context.Client.UpdateRunAsync(runId, status, endTime, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MlflowUnavailableException ex)
            {
                _context.GoOffline(ex);
            }
        }

        _context.WriteSpool(new SpoolRecord { Type = SpoolRecordType.UpdateRun, RunId = runId, Status = RunStatusNames.ToRest(status), Time = endTime });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _context.Dispose();
        _experimentGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> RequireExperimentAsync(CancellationToken cancellationToken)
    {
        if (_context.Offline)
        {
            throw new MlflowUnavailableException($"MLflow server {UriRedaction.Redact(_context.Settings.TrackingUri)} is unreachable (spooling).");
        }

        return await GetOrCreateExperimentAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new MlflowUnavailableException($"MLflow server {UriRedaction.Redact(_context.Settings.TrackingUri)} is unreachable (spooling).");
    }
}
