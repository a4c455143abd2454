using System.Globalization;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator.Cli;
using Pipeline.Orchestrator.Sweeps;

namespace Pipeline.Orchestrator.Commands;

/// <summary>
/// <c>gc PIPELINE.yaml...</c>: keeps what the named pipelines' current keys need (every variant of a sweep they
/// declare or that <c>--sweep</c> asks for) and, with <c>--keep-last N</c>, what the last N runs used; removes the
/// rest. <c>--dry-run</c> lists it with sizes. Invalid pipelines are exit 2 and nothing is removed.
/// </summary>
public static class GcCommand
{
    /// <summary>Runs gc; returns 0, or 1 when something could not be removed (held by a live run).</summary>
    public static int Execute(CliOptions options, StageCatalog catalog, TextWriter output)
    {
        var store = new ArtifactStore(options.Artifacts);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in options.Files)
        {
            var pipeline = PipelineLoader.Load(options with { File = file }, catalog);
            IEnumerable<ValidatedPipeline> variants = options.Sweeps.Count > 0 || pipeline.Definition.Sweep.Count > 0
                ? SweepCommand.Prepare(options, catalog, pipeline).Select(v => v.Pipeline)
                : [pipeline];
            foreach (var variant in variants)
            {
                var plan = Planner.Plan(variant, store, PipelineState.Load(store.Root, variant.Definition.Name), new PlanOptions());
                keep.UnionWith(plan.Select(p => p.Key).OfType<string>());

                // A stage below one that must run first has no key yet: keep every entry it made, rather than guess.
                foreach (var unknown in plan.Where(p => p.Key is null && p.Action == PlanAction.Run))
                {
                    var entries = EntriesOf(store, unknown.StageId, unknown.StageType);
                    keep.UnionWith(entries);
                    if (entries.Count > 0)
                    {
                        output.WriteLine($"keeping {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")} of stage '{unknown.StageId}' ({variant.Definition.Name}): its key is known only once its upstream has run ({unknown.Reason})");
                    }
                }
            }
        }

        foreach (var run in StaleRuns.All(store.Root).Take(options.KeepLast))
        {
            keep.UnionWith(run.Stages.Select(s => s.Key).OfType<string>());
        }

        var closed = StaleRuns.CloseDead(store.Root, store.StagingDirectory);
        foreach (var runId in closed)
        {
            output.WriteLine($"closed run {runId}: its process is gone (recorded as killed)");
        }

        var collector = new GarbageCollector(store);
        if (options.DryRun)
        {
            var items = collector.Plan(keep);
            foreach (var item in items)
            {
                output.WriteLine($"would remove {Describe(item)}");
            }

            output.WriteLine($"would remove {items.Count} item(s), {Size(items.Sum(i => i.Bytes))}; keeping {keep.Count} key(s) the pipelines need");
            return 0;
        }

        var failed = 0;
        var removed = collector.Collect(keep, (item, done) =>
        {
            output.WriteLine(done ? $"removed {Describe(item)}" : $"kept {Describe(item)}: its key is held by a live run or the file is in use");
            failed += done ? 0 : 1;
        });
        output.WriteLine($"removed {removed.Count} item(s), {Size(removed.Sum(i => i.Bytes))}; kept {keep.Count} key(s) the pipelines need");
        return failed == 0 ? 0 : 1;
    }

    private static List<string> EntriesOf(ArtifactStore store, string stageId, string stageType) =>
        Directory.Exists(store.CacheDirectory)
            ? Directory.EnumerateDirectories(store.CacheDirectory)
                .Select(d => Manifest.TryRead(Path.Combine(d, Manifest.FileName)))
                .Where(m => m is not null && m.StageId == stageId && m.StageType == stageType)
                .Select(m => m!.Key)
                .ToList()
            : [];

    private static string Describe(GcItem item)
    {
        var kind = item.Kind switch
        {
            GcKind.Entry => "cache entry",
            GcKind.Checkpoint => "checkpoint",
            GcKind.Damaged => "damaged entry",
            GcKind.Staging => "staging folder",
            GcKind.ExecutorFile => "executor file",
            _ => "lock file",
        };
        return $"{kind} {item.Path} ({Size(item.Bytes)})";
    }

    /// <summary>Bytes in a readable unit.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => $"{bytes} B",
    };
}
