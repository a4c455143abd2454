using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Limits;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Spool;

namespace Pipeline.Tracking.Rest;

/// <summary>
/// State shared by a REST tracker and its runs: the client, the spool, and the sticky offline switch
/// (once the server is unreachable after retries, the rest of this invocation spools instead of paying
/// the retry delay again on every call; the next run or <c>tracking sync</c> replays).
/// </summary>
internal sealed class RestTrackingContext : IDisposable
{
    private volatile bool _offline;

    public RestTrackingContext(TrackingSettings settings, TrackerOptions options)
    {
        Settings = settings;
        Options = options;
        Logger = options.LoggerFactory.CreateLogger("Pipeline.Tracking.Rest");
        Client = new MlflowRestClient(settings, options.Retry, Logger);
        Batches = new LogBatchSender(Client, Logger);
        Creator = new IdempotentRunCreator(Client, options.Retry, Logger);
        Validator = new EntryValidator(Logger);
        Spool = options.SpoolDirectory is null ? null : new SpoolWriter(options.SpoolDirectory);
    }

    public TrackingSettings Settings { get; }

    public TrackerOptions Options { get; }

    public ILogger Logger { get; }

    public MlflowRestClient Client { get; }

    public LogBatchSender Batches { get; }

    public IdempotentRunCreator Creator { get; }

    public EntryValidator Validator { get; }

    public SpoolWriter? Spool { get; }

    public bool Offline => _offline;

    public long Now() => Options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public void GoOffline(MlflowUnavailableException reason)
    {
        if (_offline)
        {
            return;
        }

        _offline = true;
        if (Spool is null)
        {
            Logger.LogError("{Reason} No spool folder is configured: tracking events of this invocation are lost.", reason.Message);
        }
        else
        {
            Logger.LogWarning(
                "{Reason} Tracking events go to the spool in {Folder} and are replayed by 'tracking sync' or the next run.",
                reason.Message, Spool.Directory);
        }
    }

    public void WriteSpool(SpoolRecord record)
    {
        if (Spool is null)
        {
            return;
        }

        try
        {
            Spool.Append(record);
        }
        catch (IOException ex)
        {
            Logger.LogError("Could not write the tracking spool in {Folder}: {Message}", Spool.Directory, ex.Message);
        }
    }

    public void Dispose() => Client.Dispose();
}
