using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking;

/// <summary>Everything a tracker needs besides the settings. Defaults suit production; tests shorten the retry.</summary>
public sealed record TrackerOptions
{
    /// <summary>
    /// Folder for the offline spool (the pipeline run's ledger folder). Null: events that cannot reach the
    /// server are dropped with an error log.
    /// </summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>Retry bounds for REST calls.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>User id recorded on new runs; defaults to the OS user.</summary>
    public string UserName { get; init; } = Environment.UserName;

    /// <summary>Clock for default metric timestamps and run start/end times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where tracker logs go.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
