using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Tests.Fakes;

namespace Pipeline.Engine.Tests.Execution;

/// <summary>Whatever escapes a stage ends that stage with a record that names it; the ledger is closed with the run's clock.</summary>
public sealed class StageFailureTests : IDisposable
{
    private const string Two = """
        name: two
        stages:
          a: { uses: text, params: { text: "x" } }
          b: { uses: text, inputs: { source: a.out }, params: { text: "y" } }
        """;

    private readonly RunnerHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task An_unexpected_exception_from_the_executor_fails_that_stage_by_name_and_skips_its_dependants()
    {
        var clock = new FixedClock(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var runner = new PipelineRunner(new ArtifactStore(_h.Artifacts), new ThrowingExecutor(), new RecordingObserver(), clock);

        var code = await runner.RunAsync(_h.Load(Two), new RunOptions(), CancellationToken.None);

        var record = runner.Ledger!.Record;
        Assert.Equal(1, code);
        Assert.Equal("failed", record.Status);
        var a = record.Stages.Single(s => s.Id == "a");
        Assert.Equal(StageStatus.Failed, a.Status);
        Assert.Equal("stage 'a' failed unexpectedly: InvalidOperationException: the executor broke", a.Error);
        Assert.Equal(StageStatus.Skipped, record.Stages.Single(s => s.Id == "b").Status);
        Assert.Equal(clock.Now, record.Started);
        Assert.Equal(clock.Now, record.Ended);
        Assert.StartsWith("20300102-030405-", record.RunId, StringComparison.Ordinal);
    }

    private sealed class ThrowingExecutor : IStageExecutor
    {
        public Task<StageOutcome> ExecuteAsync(StageInvocation invocation, Action<StageEvent> onEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the executor broke");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
