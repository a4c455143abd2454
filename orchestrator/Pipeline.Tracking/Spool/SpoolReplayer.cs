using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Tags;

namespace Pipeline.Tracking.Spool;

/// <summary>
/// Replays a spool to the MLflow server, idempotently: progress is saved after each event; runs created
/// offline are created now (found again by their <see cref="PipelineTagNames.SpoolRunId"/> tag if a previous
/// replay already made them); metric points the server has are not sent again; re-sent params with the same
/// value are accepted. Used by <c>tracking sync</c> and at the start of the next run.
/// </summary>
public sealed class SpoolReplayer
{
    private readonly TrackingSettings _settings;
    private readonly RetryOptions _retry;
    private readonly ILogger _logger;

    /// <summary>Creates a replayer for a REST tracking server.</summary>
    public SpoolReplayer(TrackingSettings settings, RetryOptions? retry = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Backend != TrackingBackend.Rest)
        {
            throw new ArgumentException("Spools are replayed to an http:// or https:// tracking server.", nameof(settings));
        }

        _settings = settings;
        _retry = retry ?? new RetryOptions();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Tracking.Spool");
    }

    /// <summary>Number of spooled events not yet acknowledged by a replay (0 when there is no spool).</summary>
    public static int PendingCount(string spoolDirectory)
    {
        var acked = SpoolOffset.Load(spoolDirectory).AckedSeq;
        return SpoolReader.Read(spoolDirectory).Count(r => r.Seq > acked);
    }

    /// <summary>The experiments the not yet acknowledged runs of a spool are created in, in spool order.</summary>
    public static IReadOnlyList<string> PendingExperiments(string spoolDirectory)
    {
        var acked = SpoolOffset.Load(spoolDirectory).AckedSeq;
        return SpoolReader.Read(spoolDirectory)
            .Where(r => r.Seq > acked && r.Type == SpoolRecordType.CreateRun && r.Experiment is not null)
            .Select(r => r.Experiment!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Sends every unacknowledged event in order. Stops early, without throwing, when the server becomes
    /// unreachable or refuses the credentials (401/403; see <see cref="SpoolReplayResult.Pending"/> and
    /// <see cref="SpoolReplayResult.CredentialsRefused"/>); a later call continues where this one stopped.
    /// </summary>
    public async Task<SpoolReplayResult> ReplayAsync(string spoolDirectory, CancellationToken cancellationToken)
    {
        var offset = SpoolOffset.Load(spoolDirectory);
        var records = SpoolReader.Read(spoolDirectory).Where(r => r.Seq > offset.AckedSeq).OrderBy(r => r.Seq).ToList();
        if (records.Count == 0)
        {
            return new SpoolReplayResult(0, 0, 0, offset.RunIds);
        }

        using var client = new MlflowRestClient(_settings, _retry, _logger);
        var session = new ReplaySession(client, _retry, offset, _logger);
        int sent = 0, failed = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            try
            {
                await session.ApplyAsync(record, cancellationToken).ConfigureAwait(false);
                sent++;
            }
            catch (MlflowUnavailableException ex)
            {
                // Unreachable, or 401/403: acknowledging would lose the event, so it and the rest stay pending.
                _logger.LogWarning("Spool replay stopped at event {Seq}: {Message}", record.Seq, ex.Message);
                return new SpoolReplayResult(sent, failed, records.Count - i, offset.RunIds)
                {
                    CredentialsRefused = ex is MlflowAuthenticationException,
                    StopReason = ex.Message,
                };
            }
            catch (Exception ex) when (ex is TrackingException or IOException)
            {
                failed++;
                _logger.LogError("Spool event {Seq} ({Type}, run {RunId}) was rejected and skipped: {Message}", record.Seq, record.Type, record.RunId, ex.Message);
            }

            offset.AckedSeq = record.Seq;
            offset.Save(spoolDirectory);
        }

        _logger.LogInformation("Replayed {Sent} spooled tracking events ({Failed} rejected) from {Folder}.", sent, failed, spoolDirectory);
        return new SpoolReplayResult(sent, failed, 0, offset.RunIds);
    }
}
