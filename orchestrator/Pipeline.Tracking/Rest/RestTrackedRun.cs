using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Spool;

namespace Pipeline.Tracking.Rest;

/// <summary>A run on an MLflow server; log calls enqueue, a <see cref="RunEventSender"/> sends in the background.</summary>
internal sealed class RestTrackedRun : ITrackedRun
{
    private readonly RestTrackingContext _context;
    private readonly string? _artifactUri;
    private readonly Channel<RunEvent> _queue = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RunEventSender _sender;
    private readonly Task _sending;
    private int _ended;

    public RestTrackedRun(RestTrackingContext context, string runId, string? experimentId, string? artifactUri)
    {
        _context = context;
        RunId = runId;
        ExperimentId = experimentId;
        _artifactUri = artifactUri;
        _sender = new RunEventSender(context, runId, _queue.Reader);
        _sending = Task.Run(_sender.RunAsync);
    }

    public string RunId { get; }

    public string? ExperimentId { get; }

    public void LogParam(string key, string value) =>
        Enqueue(RunEvent.ForParam(new MlflowKeyValue(key, _context.Validator.Param(key, value))));

    public void SetTag(string key, string value) =>
        Enqueue(RunEvent.ForTag(new MlflowKeyValue(key, _context.Validator.Tag(key, value))));

    public void LogMetric(string key, double value, long step, long? timestampMs = null)
    {
        Limits.EntryValidator.ValidateKey(key, "Metric");
        Enqueue(RunEvent.ForMetric(new MlflowMetric(key, value, timestampMs ?? _context.Now(), step)));
    }

    public async Task LogArtifactAsync(string localPath, string? artifactPath, CancellationToken cancellationToken)
    {
        var proxyPath = ArtifactLocation.ProxyPath(_artifactUri, ExperimentId, RunId);
        foreach (var (file, relative) in ArtifactLocation.Expand(localPath, artifactPath))
        {
            var spool = _context.Offline || SpoolRunIds.IsLocal(RunId);
            if (!spool)
            {
                try
                {
                    await _context.Client.UploadArtifactAsync(proxyPath, relative, file, cancellationToken).ConfigureAwait(false);
                }
                catch (MlflowUnavailableException ex)
                {
                    _context.GoOffline(ex);
                    spool = true;
                }
            }

            if (spool)
            {
                var directory = Path.GetDirectoryName(relative)?.Replace(Path.DirectorySeparatorChar, '/');
                _context.WriteSpool(new SpoolRecord
                {
                    Type = SpoolRecordType.LogArtifact,
                    RunId = RunId,
                    LocalPath = Path.GetFullPath(file),
                    ArtifactPath = string.IsNullOrEmpty(directory) ? null : directory,
                });
            }
        }
    }

    public async Task LogInputsAsync(IReadOnlyList<TrackedDataset> datasets, CancellationToken cancellationToken)
    {
        var inputs = datasets.Select(DatasetInputs.ToRest).ToList();
        if (inputs.Count == 0)
        {
            return;
        }

        var spool = _context.Offline || SpoolRunIds.IsLocal(RunId);
        if (!spool)
        {
            try
            {
                await _context.Client.LogInputsAsync(new LogInputsRequest(RunId, inputs), cancellationToken).ConfigureAwait(false);
            }
            catch (MlflowUnavailableException ex)
            {
                _context.GoOffline(ex);
                spool = true;
            }
        }

        if (spool)
        {
            _context.WriteSpool(new SpoolRecord { Type = SpoolRecordType.LogInputs, RunId = RunId, Inputs = inputs });
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(RunEvent.ForFlush(done)))
        {
            return;
        }

        await WaitSpoolingOnCancelAsync(done.Task, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task EndAsync(RunStatus status, CancellationToken cancellationToken) => EndAsync(status, null, cancellationToken);

    public async Task EndAsync(RunStatus status, DateTimeOffset? endTime, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            _sender.SwitchToSpool();
        }

        _queue.Writer.TryComplete();
        await WaitSpoolingOnCancelAsync(_sending, cancellationToken).ConfigureAwait(false);

        var endMs = endTime?.ToUnixTimeMilliseconds() ?? _context.Now();
        var spool = _context.Offline || _sender.SpoolOnly || SpoolRunIds.IsLocal(RunId);
        if (!spool)
        {
            try
            {
                await _context.Client.UpdateRunAsync(RunId, status, endMs, cancellationToken).ConfigureAwait(false);
            }
            catch (MlflowUnavailableException ex)
            {
                _context.GoOffline(ex);
                spool = true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                spool = true;
            }
        }

        if (spool)
        {
            _context.WriteSpool(new SpoolRecord { Type = SpoolRecordType.UpdateRun, RunId = RunId, Status = RunStatusNames.ToRest(status), Time = endMs });
        }

        _context.Logger.LogDebug("Run {RunId} ended as {Status}{Where}.", RunId, status, spool ? " (spooled)" : string.Empty);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sending.ConfigureAwait(false);
        _sender.Dispose();
    }

    private void Enqueue(RunEvent item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            _context.Logger.LogWarning("Run {RunId} has ended; dropped a late {Kind}.", RunId, item.Kind);
        }
    }

    /// <summary>Waits for the sender; if the caller cancels, the sender spools the rest so the wait stays short.</summary>
    private async Task WaitSpoolingOnCancelAsync(Task task, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(_sender.SwitchToSpool))
        {
            await task.ConfigureAwait(false);
        }
    }
}
