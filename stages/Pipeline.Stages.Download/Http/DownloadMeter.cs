using System.Diagnostics;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Http;

/// <summary>Counts bytes received in this run and reports progress (bytes, MB/s, ETA) at most twice a second. MB here is 10^6 bytes.</summary>
public sealed class DownloadMeter
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);
    private readonly IStageReporter _reporter;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport = -ReportEvery;

    /// <summary>Creates a meter reporting to <paramref name="reporter"/>.</summary>
    public DownloadMeter(IStageReporter reporter) => _reporter = reporter;

    /// <summary>Bytes received from the network in this run (not counting bytes resumed from disk).</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Time since the meter started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Average speed of this run in MB/s.</summary>
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesReceived / 1e6 / Elapsed.TotalSeconds : 0;

    /// <summary>Adds <paramref name="bytes"/> received; <paramref name="position"/> is the size of the partial file now.</summary>
    public void Add(long bytes, long position, long? total)
    {
        BytesReceived += bytes;
        if (_clock.Elapsed - _lastReport >= ReportEvery)
        {
            Report(position, total);
        }
    }

    /// <summary>Reports the current position now.</summary>
    public void Report(long position, long? total)
    {
        _lastReport = _clock.Elapsed;
        var speed = MegabytesPerSecond;
        var eta = total is { } t && speed > 0 ? TimeSpan.FromSeconds(Math.Round((t - position) / 1e6 / speed)) : (TimeSpan?)null;
        var detail = eta is { } e ? $"{speed:F1} MB/s, ETA {e:c}" : $"{speed:F1} MB/s";
        _reporter.Progress(new ProgressUpdate("download", position, total, "B", detail));
    }
}
