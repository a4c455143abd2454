using System.Globalization;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;

namespace Pipeline.Orchestrator.Console;

/// <summary>
/// Shows a run on the console: why each stage runs or is cached, failures with their log, and a summary. On a
/// terminal, running stages are live rows of a Spectre.Console progress display (<see cref="LiveStageTable"/>);
/// when output is redirected (CI, <c>| tee</c>) every line is plain text with a UTC time stamp and progress is
/// throttled to a line per 10 s or 25%.
/// </summary>
public sealed class ConsoleView : IRunObserver, IDisposable
{
    private readonly TextWriter _out;
    private readonly int _verbosity;
    private readonly bool _interactive;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset At, double Fraction)> _lastPlain = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset At, double Done)> _rate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastMetric = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private LiveStageTable? _live;

    /// <summary>
    /// Creates the view; <paramref name="interactive"/> chooses live rows on the terminal over plain lines on
    /// <paramref name="output"/>; <paramref name="prefix"/> starts every line (sweep variants).
    /// </summary>
    public ConsoleView(TextWriter output, int verbosity, bool interactive, string prefix = "", TimeProvider? clock = null)
    {
        _out = output;
        _verbosity = verbosity;
        _interactive = interactive;
        _prefix = prefix;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Stops the live display if a run ended without <see cref="RunCompleted"/> (an exception).</summary>
    public void Dispose()
    {
        _live?.Stop();
        _live = null;
    }

    /// <inheritdoc />
    public void RunStarted(RunRecord record, IReadOnlyList<PlanEntry> plan)
    {
        if (_interactive && _verbosity >= 0)
        {
            _live = new LiveStageTable(Spectre.Console.AnsiConsole.Console);
            _live.Start();
        }

        var toRun = plan.Count(p => p.Action == PlanAction.Run);
        Line($"run {record.RunId}: pipeline '{record.Pipeline}', {plan.Count(p => p.Action != PlanAction.NotNeeded)} stages ({toRun} to run)");
    }

    /// <inheritdoc />
    public void StageWaiting(string stageId, string message) => Line($"  [{stageId}] {message}");

    /// <inheritdoc />
    public void StageStarted(string stageId, string key, string reason, bool resuming) =>
        Line($"> [{stageId}] running ({reason}; key {CacheKey.Short(key)}){(resuming ? ", resuming from its checkpoint" : string.Empty)}");

    /// <inheritdoc />
    public void StageEvent(string stageId, StageEvent stageEvent)
    {
        var e = stageEvent;
        switch (e.Kind)
        {
            case StageEventKind.Progress:
                Progress(stageId, e);
                break;
            case StageEventKind.Log when _verbosity > 0 || e.Detail is "Warning" or "Error" or "Critical":
                Line($"  [{stageId}] {e.Text}");
                break;
            case StageEventKind.Metric or StageEventKind.Summary:
                lock (_gate)
                {
                    _lastMetric[stageId] = $"{e.Key} {e.Value?.ToString("G4", CultureInfo.InvariantCulture)}";
                }

                if (_verbosity > 0)
                {
                    Line($"  [{stageId}] {e.Key} = {e.Value?.ToString("G6", CultureInfo.InvariantCulture)}{(e.Step is { } s ? $" (step {s})" : string.Empty)}");
                }

                break;
        }
    }

    /// <inheritdoc />
    public void StageCompleted(StageRecord record)
    {
        var text = record.Status switch
        {
            StageStatus.Succeeded => $"+ [{record.Id}] done in {Seconds(record.DurationSeconds)}",
            StageStatus.Cached => $"= [{record.Id}] {record.Reason}",
            StageStatus.Failed => $"x [{record.Id}] FAILED: {record.Error}{(record.LogPath is null ? string.Empty : $" (log: {record.LogPath})")}",
            StageStatus.Cancelled => $"! [{record.Id}] {record.Reason}",
            StageStatus.Skipped => $"- [{record.Id}] {record.Reason}",
            _ => $"  [{record.Id}] {record.Status}",
        };
        _live?.Remove(record.Id);
        if (record.Status != StageStatus.Cached || _verbosity >= 0)
        {
            Line(text);
        }
    }

    /// <inheritdoc />
    public void RunCompleted(RunRecord record)
    {
        _live?.Stop();
        _live = null;
        var stages = record.Stages;
        var duration = record.Ended - record.Started ?? TimeSpan.Zero;
        Line($"summary: {stages.Count} stages: {stages.Count(s => s.Status == StageStatus.Succeeded)} ran, "
            + $"{stages.Count(s => s.Status == StageStatus.Cached)} cached, {stages.Count(s => s.Status == StageStatus.Failed)} failed, "
            + $"{stages.Count(s => s.Status == StageStatus.Skipped)} skipped, {stages.Count(s => s.Status == StageStatus.Cancelled)} cancelled "
            + $"in {Seconds(duration.TotalSeconds)} ({record.Status})");
    }

    /// <summary>Writes a line: above the live rows on a terminal, else plain with a UTC time stamp.</summary>
    public void Line(string text)
    {
        if (_verbosity < 0 && !text.StartsWith("x ", StringComparison.Ordinal) && !text.StartsWith("summary", StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            if (_live is { } live)
            {
                live.WriteLine(_prefix + text);
                return;
            }

            var stamp = _interactive ? string.Empty : $"[{_clock.GetUtcNow():HH:mm:ss}] ";
            _out.WriteLine(stamp + _prefix + text);
            _out.Flush();
        }
    }

    private void Progress(string stageId, StageEvent e)
    {
        if (_verbosity < 0)
        {
            return;
        }

        var done = e.Value ?? 0;
        var total = e.Total;
        var fraction = total is > 0 ? Math.Clamp(done / total.Value, 0, 1) : double.NaN;
        var id = $"{stageId}/{e.Key}";
        var now = _clock.GetUtcNow();
        string rate = string.Empty, eta = string.Empty;
        lock (_gate)
        {
            if (_rate.TryGetValue(id, out var first) && done > first.Done && now > first.At)
            {
                var perSecond = (done - first.Done) / (now - first.At).TotalSeconds;
                rate = $" {Amount(perSecond, e.Text)}/s";
                if (total is > 0 && perSecond > 0)
                {
                    eta = $" ETA {TimeSpan.FromSeconds((total.Value - done) / perSecond):hh\\:mm\\:ss}";
                }
            }
            else if (!_rate.ContainsKey(id))
            {
                _rate[id] = (now, done);
            }
        }

        var amount = total is > 0 ? $"{Amount(done, e.Text)}/{Amount(total.Value, e.Text)}" : Amount(done, e.Text);
        var detail = e.Detail is { Length: > 0 } d ? $" {d}" : string.Empty;
        if (_live is { } live)
        {
            string metric;
            lock (_gate)
            {
                metric = _lastMetric.TryGetValue(stageId, out var m) ? $" | {m}" : string.Empty;
            }

            live.Update(stageId, $"[{stageId}] {e.Key} {amount}{rate}{detail}{metric}", done, total);
            return;
        }

        if (_interactive)
        {
            return; // -q on a terminal: no progress
        }

        lock (_gate)
        {
            var last = _lastPlain.TryGetValue(id, out var seen) ? seen : (At: DateTimeOffset.MinValue, Fraction: -1.0);
            var finished = !double.IsNaN(fraction) && fraction >= 1;
            if (!finished && (now - last.At).TotalSeconds < 10 && (double.IsNaN(fraction) || fraction - last.Fraction < 0.25))
            {
                return;
            }

            _lastPlain[id] = (now, double.IsNaN(fraction) ? 0 : fraction);
        }

        var percent = double.IsNaN(fraction) ? string.Empty : $" {fraction * 100:0}%";
        Line($"  [{stageId}] {e.Key}{percent} {amount}{rate}{eta}{detail}");
    }

    private static string Amount(double value, string? unit) => unit switch
    {
        "bytes" or "B" => value >= 1 << 30 ? $"{value / (1 << 30):0.00} GB" : value >= 1 << 20 ? $"{value / (1 << 20):0.0} MB" : $"{value / 1024:0} kB",
        null or "" => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => $"{value.ToString("0.##", CultureInfo.InvariantCulture)} {unit}",
    };

    private static string Seconds(double seconds) =>
        seconds < 60 ? $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : TimeSpan.FromSeconds(seconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
