using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Tests.Fakes;

namespace Pipeline.Engine.Tests.Execution;

public sealed class PipelineRunnerTests : IDisposable
{
    private const string Chain = """
        name: chain
        stages:
          a: { uses: text, params: { text: "x", lr: 0.06 } }
          b: { uses: text, inputs: { source: a.out }, params: { text: "y" } }
          c: { uses: other, params: { text: "z" } }
        """;

    private readonly RunnerHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static int Runs(RunRecord record) => record.Stages.Count(s => s.Status == StageStatus.Succeeded);

    [Fact]
    public async Task First_run_executes_everything_and_second_run_is_all_cache_hits()
    {
        var first = await _h.RunAsync(_h.Load(Chain));
        Assert.Equal(0, first.Code);
        Assert.Equal(3, Runs(first.Record));
        Assert.Equal("yx", _h.OutputText(first.Record, "b"));

        var second = await _h.RunAsync(_h.Load(Chain));
        Assert.Equal(0, second.Code);
        Assert.All(second.Record.Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        Assert.False(TextStage.Executions.ContainsKey(second.Record.RunId + "/a"));
        Assert.Equal(first.Record.RunId, second.Record.Stages[0].SourceRunId);
        Assert.Equal(1, second.Record.Stages[0].Summary!["length"]);
    }

    [Fact]
    public async Task Plan_says_why_each_stage_runs()
    {
        var pipeline = _h.Load(Chain);
        Assert.All(_h.Plan(pipeline).Where(p => p.StageId != "b"), p => Assert.Equal("never ran", p.Reason));
        Assert.Equal("upstream will run: a", _h.Plan(pipeline).Single(p => p.StageId == "b").Reason);
        await _h.RunAsync(pipeline);

        var changed = _h.Plan(_h.Load(Chain, sets: "a.lr=0.1"));
        Assert.Equal("params changed: a.lr 0.06 -> 0.1", changed.Single(p => p.StageId == "a").Reason);
        Assert.Equal(PlanAction.Cached, changed.Single(p => p.StageId == "c").Action);

        var versioned = _h.Plan(_h.Load(Chain, textVersion: 2));
        Assert.Equal("stage version changed 1 -> 2", versioned.Single(p => p.StageId == "a").Reason);

        var forced = _h.Plan(pipeline, new PlanOptions { Force = new HashSet<string> { "c" } });
        Assert.Equal("forced", forced.Single(p => p.StageId == "c").Reason);

        var until = _h.Plan(pipeline, new PlanOptions { Until = "a" });
        Assert.Equal(PlanAction.NotNeeded, until.Single(p => p.StageId == "b").Action);
    }

    [Fact]
    public async Task Changed_upstream_output_is_reported_as_input_changed()
    {
        await _h.RunAsync(_h.Load(Chain));
        await _h.RunAsync(_h.Load(Chain, sets: "a.text=q"), new RunOptions { Plan = new PlanOptions { Until = "a" } });
        var plan = _h.Plan(_h.Load(Chain, sets: "a.text=q"));
        Assert.Equal(PlanAction.Cached, plan.Single(p => p.StageId == "a").Action);
        Assert.Equal("input changed: a.out", plan.Single(p => p.StageId == "b").Reason);
    }

    [Fact]
    public async Task Unchanged_upstream_output_keeps_downstream_cached()
    {
        await _h.RunAsync(_h.Load(Chain));
        var rerun = await _h.RunAsync(_h.Load(Chain), new RunOptions { Plan = new PlanOptions { Force = new HashSet<string> { "a" } } });
        Assert.Equal(StageStatus.Succeeded, rerun.Record.Stages.Single(s => s.Id == "a").Status);
        Assert.Equal(StageStatus.Cached, rerun.Record.Stages.Single(s => s.Id == "b").Status);
    }

    [Fact]
    public async Task Damaged_entry_is_a_miss_moved_aside_and_rebuilt()
    {
        var first = await _h.RunAsync(_h.Load(Chain));
        var key = first.Record.Stages.Single(s => s.Id == "c").Key!;
        var file = Path.Combine(_h.Artifacts, "cache", key, "out", "text.txt");
        File.WriteAllText(file, "");

        var plan = _h.Plan(_h.Load(Chain));
        Assert.StartsWith("output missing or damaged: out/text.txt has 0 bytes", plan.Single(p => p.StageId == "c").Reason);

        var second = await _h.RunAsync(_h.Load(Chain));
        Assert.Equal(StageStatus.Succeeded, second.Record.Stages.Single(s => s.Id == "c").Status);
        Assert.Equal("z", File.ReadAllText(file));
        Assert.Single(Directory.GetDirectories(Path.Combine(_h.Artifacts, "damaged")));
    }

    [Fact]
    public async Task Same_size_corruption_is_found_by_digest_when_mtime_changed()
    {
        var first = await _h.RunAsync(_h.Load(Chain));
        var key = first.Record.Stages.Single(s => s.Id == "c").Key!;
        var file = Path.Combine(_h.Artifacts, "cache", key, "out", "text.txt");
        File.WriteAllText(file, "Z");
        Assert.StartsWith("output missing or damaged", _h.Plan(_h.Load(Chain)).Single(p => p.StageId == "c").Reason);
    }

    [Fact]
    public async Task Failure_skips_dependents_and_keep_going_runs_other_branches()
    {
        var yaml = """
            name: failing
            stages:
              a: { uses: text, params: { text: "x", fail: true } }
              b: { uses: text, inputs: { source: a.out }, params: { text: "y" } }
              c: { uses: other, params: { text: "z" } }
            """;
        var stop = await _h.RunAsync(_h.Load(yaml));
        Assert.Equal(1, stop.Code);
        Assert.Equal("asked to fail", stop.Record.Stages.Single(s => s.Id == "a").Error);
        Assert.Equal("skipped: upstream 'a' failed", stop.Record.Stages.Single(s => s.Id == "b").Reason);
        Assert.Equal(StageStatus.Skipped, stop.Record.Stages.Single(s => s.Id == "c").Status);

        var going = await _h.RunAsync(_h.Load(yaml), new RunOptions { KeepGoing = true });
        Assert.Equal(1, going.Code);
        Assert.Equal(StageStatus.Succeeded, going.Record.Stages.Single(s => s.Id == "c").Status);
        Assert.Equal(StageStatus.Skipped, going.Record.Stages.Single(s => s.Id == "b").Status);
    }

    [Fact]
    public async Task Cancelled_stage_keeps_its_checkpoint_and_resumes_on_the_next_run()
    {
        var gate = StageGate.Create();
        var yaml = $"name: slow\nstages:\n  a: {{ uses: text, params: {{ text: x, gate: {gate.Name} }} }}\n";
        using var cts = new CancellationTokenSource();
        var pipeline = _h.Load(yaml);
        var run = _h.RunAsync(pipeline, cancellationToken: cts.Token);
        await gate.FirstArrived; // the stage has written its checkpoint marker and now waits on the closed gate
        await cts.CancelAsync();
        var (code, _, record) = await run;
        Assert.Equal(130, code);
        Assert.Equal(StageStatus.Cancelled, record.Stages[0].Status);
        Assert.False(Directory.Exists(Path.Combine(_h.Artifacts, "cache", record.Stages[0].Key!)));

        var resumed = await _h.RunAsync(pipeline);
        Assert.Equal(0, resumed.Code);
        Assert.Contains(resumed.Observer.Lines, l => l.Contains("resuming=True"));
        var key = resumed.Record.Stages[0].Key!;
        Assert.Equal("yes", File.ReadAllText(Path.Combine(_h.Artifacts, "cache", key, "extra", "resumed.txt")));
        Assert.False(Directory.Exists(Path.Combine(_h.Artifacts, "checkpoints", key)));
    }

    [Fact]
    public async Task Two_runs_on_the_same_key_compute_it_once()
    {
        var gate = StageGate.Create();
        var yaml = $"name: twice\nstages:\n  a: {{ uses: text, params: {{ text: x, gate: {gate.Name} }} }}\n";
        var pipeline = _h.Load(yaml);
        var first = _h.RunAsync(pipeline);
        await gate.FirstArrived; // the first run holds the key's lock and is computing it

        var secondObserver = new RecordingObserver();
        var second = _h.RunAsync(pipeline, observer: secondObserver);
        Assert.Contains("waiting for run", await secondObserver.FirstWait.Task, StringComparison.Ordinal);
        Assert.False(second.IsCompleted);
        gate.Open();

        var (firstCode, _, firstRecord) = await first;
        var (secondCode, _, secondRecord) = await second;
        Assert.Equal(0, firstCode);
        Assert.Equal(0, secondCode);
        Assert.Equal(StageStatus.Succeeded, firstRecord.Stages.Single().Status);
        Assert.Equal(StageStatus.Cached, secondRecord.Stages.Single().Status);
        Assert.Equal(1, TextStage.Executions.GetValueOrDefault(firstRecord.RunId + "/a"));
        Assert.Equal(0, TextStage.Executions.GetValueOrDefault(secondRecord.RunId + "/a"));
    }

    [Fact]
    public async Task Ledger_records_each_stage_and_latest_points_at_it()
    {
        var run = await _h.RunAsync(_h.Load(Chain));
        var latest = RunLedger.ReadLatest(Path.GetFullPath(_h.Artifacts))!;
        Assert.Equal(run.Record.RunId, latest.RunId);
        Assert.Equal("succeeded", latest.Status);
        Assert.Equal(3, latest.Stages.Count);
        Assert.All(latest.Stages, s => Assert.Equal(64, s.Key!.Length));
    }

    [Fact]
    public async Task Jobs_run_independent_stages_at_once()
    {
        // a and c are independent: each waits inside the stage until the other is there too, so only a runner
        // that runs them at once gets past the gate (with --jobs 1 the gate's deadline fails a).
        var gate = StageGate.Create(parties: 2, closed: false);
        var yaml = $$"""
            name: chain
            stages:
              a: { uses: text, params: { text: "x", gate: {{gate.Name}} } }
              b: { uses: text, inputs: { source: a.out }, params: { text: "y" } }
              c: { uses: other, params: { text: "z", gate: {{gate.Name}} } }
            """;
        var run = await _h.RunAsync(_h.Load(yaml), new RunOptions { Jobs = 3 });
        Assert.True(run.Code == 0, string.Join("\n", run.Record.Stages.Select(s => $"{s.Id}: {s.Status} {s.Error}")));
        Assert.Equal(2, gate.Arrived);
        Assert.Equal("yx", _h.OutputText(run.Record, "b"));
    }
}
