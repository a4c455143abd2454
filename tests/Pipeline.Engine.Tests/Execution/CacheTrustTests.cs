using System.Diagnostics;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Tests.Fakes;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Tests.Execution;

/// <summary>A cache hit is a promise: operational params stay out of the key, damaged bytes are never read, dead runs are closed.</summary>
public sealed class CacheTrustTests : IDisposable
{
    private const string Chain = """
        name: chain
        stages:
          a: { uses: text, params: { text: "x" } }
          b: { uses: text, inputs: { source: a.out }, params: { text: "y" } }
        """;

    private readonly RunnerHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string Key(RunRecord record, string id) => record.Stages.Single(s => s.Id == id).Key!;

    [Fact]
    public async Task An_operational_param_is_out_of_the_key_but_given_to_the_stage()
    {
        var first = await _h.RunAsync(_h.Load(Chain));
        var changed = _h.Load(Chain, sets: "a.log_every=3");

        Assert.Equal("3", changed.Stages["a"].Params.Flat["log_every"]);
        Assert.DoesNotContain("log_every", changed.Stages["a"].Params.KeyJson, StringComparison.Ordinal);
        Assert.Equal(["log_every"], changed.Stages["a"].Params.Operational);
        Assert.All(_h.Plan(changed), p => Assert.Equal(PlanAction.Cached, p.Action));
        var second = await _h.RunAsync(changed);
        Assert.Equal(Key(first.Record, "a"), Key(second.Record, "a"));
        Assert.All(second.Record.Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        Assert.Equal("3", second.Record.Stages.Single(s => s.Id == "a").Params!["log_every"]); // recorded in the ledger all the same
    }

    [Fact]
    public async Task A_flipped_byte_with_its_mtime_restored_is_caught_before_a_stage_reads_it()
    {
        var first = await _h.RunAsync(_h.Load(Chain));
        var file = Path.Combine(_h.Artifacts, "cache", Key(first.Record, "a"), "out", "text.txt");
        var mtime = File.GetLastWriteTimeUtc(file);
        await File.WriteAllTextAsync(file, "z"); // same size, other byte
        File.SetLastWriteTimeUtc(file, mtime);

        Assert.Equal(PlanAction.Cached, _h.Plan(_h.Load(Chain)).Single(p => p.StageId == "a").Action); // plan: size + mtime only
        var second = await _h.RunAsync(_h.Load(Chain, sets: "b.text=w"));

        Assert.Equal(0, second.Code);
        Assert.Equal(StageStatus.Succeeded, second.Record.Stages.Single(s => s.Id == "a").Status);
        Assert.Equal("wx", _h.OutputText(second.Record, "b"));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(_h.Artifacts, "damaged")));
        Assert.Contains(second.Observer.Lines, e => e.Contains("is damaged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_moves_damaged_entries_aside_and_keeps_intact_ones()
    {
        var first = await _h.RunAsync(_h.Load(Chain));
        var file = Path.Combine(_h.Artifacts, "cache", Key(first.Record, "b"), "out", "text.txt");
        var mtime = File.GetLastWriteTimeUtc(file);
        await File.WriteAllTextAsync(file, "zz");
        File.SetLastWriteTimeUtc(file, mtime);

        var results = CacheVerifier.VerifyAll(new ArtifactStore(_h.Artifacts));

        var damaged = Assert.Single(results, r => r.Check.State == CacheState.Damaged);
        Assert.Equal(Key(first.Record, "b"), damaged.Key);
        Assert.Contains("SHA-256", damaged.Check.Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_h.Artifacts, "cache", damaged.Key)));
        Assert.True(Directory.Exists(Path.Combine(_h.Artifacts, "cache", Key(first.Record, "a"))));
        Assert.Equal(PlanAction.Run, _h.Plan(_h.Load(Chain)).Single(p => p.StageId == "b").Action);
    }

    [Fact]
    public async Task A_ledger_left_running_by_a_dead_process_is_closed_as_killed_and_its_staging_removed()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        var runs = Path.Combine(_h.Artifacts, "runs", "old-run");
        Directory.CreateDirectory(runs);
        JsonFiles.Write(Path.Combine(runs, "run.json"), new RunRecord
        {
            RunId = "old-run", Pipeline = "chain", PipelineFile = "p.yaml", Pid = gone.Id, Host = Environment.MachineName,
            Started = DateTimeOffset.UtcNow.AddMinutes(-5),
            Stages = [new StageRecord { Id = "a", Type = "text", Status = StageStatus.Running }],
        });
        var staging = Path.Combine(_h.Artifacts, "tmp", "somekey.old-run");
        Directory.CreateDirectory(staging);
        await File.WriteAllTextAsync(staging + ".request.json", "{}");

        await _h.RunAsync(_h.Load(Chain));

        var old = JsonFiles.TryRead<RunRecord>(Path.Combine(runs, "run.json"))!;
        Assert.Equal("killed", old.Status);
        Assert.Equal(StageStatus.Killed, old.Stages.Single().Status);
        Assert.NotNull(old.Ended);
        Assert.False(Directory.Exists(staging));
        Assert.False(File.Exists(staging + ".request.json"));
    }

    [Fact]
    public async Task A_stage_with_a_checkpoint_says_where_it_resumes()
    {
        var key = _h.Plan(_h.Load(Chain)).Single(p => p.StageId == "a").Key!;
        var checkpoint = new ArtifactStore(_h.Artifacts).CheckpointPath(key);
        Directory.CreateDirectory(checkpoint);
        CheckpointProgress.Write(checkpoint, 3, 1200);

        Assert.Equal("resuming from checkpoint (epoch 3, step 1200)", _h.Plan(_h.Load(Chain)).Single(p => p.StageId == "a").Reason);
        var run = await _h.RunAsync(_h.Load(Chain));
        Assert.Equal("resuming from checkpoint (epoch 3, step 1200)", run.Record.Stages.Single(s => s.Id == "a").Reason);
        Assert.False(Directory.Exists(checkpoint));
    }

    [Fact]
    public async Task Gc_keeps_what_the_current_pipeline_needs_and_the_next_run_is_all_cache_hits()
    {
        await _h.RunAsync(_h.Load(Chain));
        await _h.RunAsync(_h.Load(Chain, sets: "a.text=q")); // a sweep-like second variant: two more entries
        var store = new ArtifactStore(_h.Artifacts);
        var keep = _h.Plan(_h.Load(Chain)).Select(p => p.Key!).ToHashSet();
        var collector = new GarbageCollector(store);

        var planned = collector.Plan(keep);
        Assert.Equal(2, planned.Count(i => i.Kind == GcKind.Entry));
        Assert.All(planned.Where(i => i.Kind != GcKind.Lock), i => Assert.DoesNotContain(i.Key, keep)); // idle lock files go too
        Assert.Equal(4, Directory.EnumerateDirectories(store.CacheDirectory).Count()); // the dry run removed nothing

        var removed = collector.Collect(keep);
        Assert.Equal(planned.Count, removed.Count);
        Assert.Equal(keep.Order(), Directory.EnumerateDirectories(store.CacheDirectory).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.EnumerateFiles(store.LocksDirectory));
        var next = await _h.RunAsync(_h.Load(Chain));
        Assert.All(next.Record.Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
    }

    [Fact]
    public async Task Gc_never_touches_a_key_whose_lock_is_held()
    {
        await _h.RunAsync(_h.Load(Chain));
        var store = new ArtifactStore(_h.Artifacts);
        var held = _h.Plan(_h.Load(Chain)).Single(p => p.StageId == "a").Key!;
        using var owner = KeyLock.TryAcquire(store.LocksDirectory, held, new LockOwner("live", Environment.ProcessId, Environment.MachineName, "a", DateTimeOffset.UtcNow));
        Assert.NotNull(owner);

        new GarbageCollector(store).Collect(new HashSet<string>());

        Assert.True(Directory.Exists(store.EntryPath(held)));
        Assert.Single(Directory.EnumerateDirectories(store.CacheDirectory));
    }
}
