using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Spool;

namespace Pipeline.Tracking.Rest;

/// <summary>
/// The background half of a REST run: drains the run's queue into log-batch calls. When the server is
/// unreachable, or the run is being ended under cancellation, batches go to the spool instead.
/// </summary>
internal sealed class RunEventSender : IDisposable
{
    private readonly RestTrackingContext _context;
    private readonly string _runId;
    private readonly ChannelReader<RunEvent> _reader;
    private readonly CancellationTokenSource _network = new();
    private readonly List<MlflowMetric> _metrics = [];
    private readonly List<MlflowKeyValue> _params = [];
    private readonly List<MlflowKeyValue> _tags = [];

    public RunEventSender(RestTrackingContext context, string runId, ChannelReader<RunEvent> reader)
    {
        _context = context;
        _runId = runId;
        _reader = reader;
    }

    /// <summary>True once the run is ending under cancellation: everything left goes to the spool.</summary>
    public bool SpoolOnly { get; private set; }

    /// <summary>Stops network sends (an in-flight one is abandoned and its batch spooled).</summary>
    public void SwitchToSpool()
    {
        SpoolOnly = true;
        try
        {
            _network.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run is already disposed; nothing is in flight.
        }
    }

    public void Dispose() => _network.Dispose();

    public async Task RunAsync()
    {
        while (await _reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (_reader.TryRead(out var item))
            {
                switch (item.Kind)
                {
                    case RunEventKind.Flush:
                        await SendPendingAsync().ConfigureAwait(false);
                        item.Done!.TrySetResult();
                        break;
                    case RunEventKind.Metric:
                        _metrics.Add(item.Metric!);
                        break;
                    case RunEventKind.Param:
                        _params.Add(item.Entry!);
                        break;
                    default:
                        _tags.Add(item.Entry!);
                        break;
                }

                if (_metrics.Count + _params.Count + _tags.Count >= 5000)
                {
                    await SendPendingAsync().ConfigureAwait(false);
                }
            }

            await SendPendingAsync().ConfigureAwait(false);
        }
    }

    private async Task SendPendingAsync()
    {
        if (_metrics.Count + _params.Count + _tags.Count == 0)
        {
            return;
        }

        var chunks = LogBatchSplitter.Split(_runId, [.. _metrics], [.. _params], [.. _tags]).ToList();
        _metrics.Clear();
        _params.Clear();
        _tags.Clear();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (_context.Offline || SpoolOnly || SpoolRunIds.IsLocal(_runId))
            {
                Spool(chunks[i]);
                continue;
            }

            try
            {
                await _context.Batches.SendAsync(chunks[i], _network.Token).ConfigureAwait(false);
            }
            catch (MlflowUnavailableException ex)
            {
                _context.GoOffline(ex);
                Spool(chunks[i]);
            }
            catch (OperationCanceledException) when (_network.IsCancellationRequested)
            {
                Spool(chunks[i]);
            }
            catch (MlflowApiException ex)
            {
                _context.Logger.LogError(
                    "Dropped {Metrics} metrics, {Params} params, {Tags} tags of run {RunId}: {Message}",
                    chunks[i].Metrics.Count, chunks[i].Params.Count, chunks[i].Tags.Count, _runId, ex.Message);
            }
        }
    }

    private void Spool(LogBatchRequest chunk) =>
        _context.WriteSpool(new SpoolRecord
        {
            Type = SpoolRecordType.LogBatch,
            RunId = _runId,
            Metrics = chunk.Metrics,
            Params = chunk.Params,
            Tags = chunk.Tags,
        });
}
