using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Orchestrator.Console;

namespace Pipeline.EndToEnd.Tests;

/// <summary>The console view when output is not a terminal (CI, <c>| tee</c>): plain, time-stamped, throttled lines.</summary>
public sealed class ConsoleViewTests
{
    [Fact]
    public void Redirected_output_is_plain_time_stamped_lines_with_throttled_progress()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 12, 3, 4, 5, 6, TimeSpan.Zero));
        using var text = new StringWriter();
        using var view = new ConsoleView(text, verbosity: 0, interactive: false, clock: clock);
        var record = new RunRecord { RunId = "r1", Pipeline = "p", PipelineFile = "p.yaml", Started = clock.GetUtcNow() };

        view.RunStarted(record, [new PlanEntry("a", "text", PlanAction.Run, "never ran", "k")]);
        view.StageStarted("a", "0123456789abcdef", "never ran", resuming: false);
        for (var i = 1; i <= 100; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            view.StageEvent("a", new StageEvent { Kind = StageEventKind.Progress, Key = "download", Value = i, Total = 100, Text = "steps" });
        }

        view.StageCompleted(new StageRecord { Id = "a", Type = "text", Status = StageStatus.Succeeded, DurationSeconds = 5 });
        view.RunCompleted(record with { Stages = [new StageRecord { Id = "a", Type = "text", Status = StageStatus.Succeeded }], Ended = clock.GetUtcNow(), Status = "succeeded" });

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(@"^\[04:0[5-6]:\d\d\] ", l));
        Assert.DoesNotContain("\u001b", text.ToString(), StringComparison.Ordinal); // no ANSI escapes in a log
        var progress = lines.Where(l => l.Contains("[a] download", StringComparison.Ordinal)).ToList();
        Assert.InRange(progress.Count, 4, 6); // 100 events in 5 s: the first, one per 25%, and the last
        Assert.EndsWith("[a] download 100% 100 steps/100 steps 20 steps/s ETA 00:00:00", progress[^1].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("> [a] running (never ran; key 0123456789ab)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("+ [a] done in 5.0 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("summary: 1 stages: 1 ran, 0 cached, 0 failed", StringComparison.Ordinal));
    }

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
