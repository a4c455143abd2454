using System.Diagnostics;
using System.Globalization;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;

namespace Pipeline.Orchestrator.Commands;

/// <summary>
/// <c>verify</c>: re-hashes every byte of the cache against the manifests (a line per entry as it goes), moves
/// damaged entries to <c>damaged/</c>, and says which stages of which pipelines will run again because of it.
/// </summary>
public static class VerifyCommand
{
    /// <summary>Verifies the cache; returns 0 when every entry is intact, 1 when some were damaged (and moved aside).</summary>
    public static int Execute(string artifacts, TextWriter output, CancellationToken cancellationToken = default)
    {
        var store = new ArtifactStore(artifacts);
        var watch = Stopwatch.StartNew();
        long total = 0;
        var results = CacheVerifier.VerifyAll(store, (index, count, key, check, bytes) =>
        {
            total += bytes;
            var verdict = check.State == CacheState.Hit ? "ok" : $"DAMAGED: {check.Reason}";
            output.WriteLine($"[{index}/{count}] {CacheKey.Short(key)} {check.Manifest?.StageId ?? "?"} ({GcCommand.Size(bytes)}) {verdict}");
        }, cancellationToken);

        var damaged = results.Where(r => r.Check.State == CacheState.Damaged).ToList();
        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-3);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verified {results.Count} entries, {GcCommand.Size(total)} in {seconds:F1} s ({total / seconds / (1 << 20):F0} MiB/s): {damaged.Count} damaged"));
        if (damaged.Count == 0)
        {
            return 0;
        }

        foreach (var (key, check, movedTo) in damaged)
        {
            output.WriteLine($"moved {CacheKey.Short(key)} to {movedTo}");
            foreach (var (pipeline, stageId) in StagesUsing(store.Root, key))
            {
                output.WriteLine($"  {pipeline}: stage '{stageId}' will run again (and what reads its outputs)");
            }
        }

        return 1;
    }

    // The pipelines' state files (DVC's lock files) say which stage's current outputs each key holds.
    private static IEnumerable<(string Pipeline, string StageId)> StagesUsing(string root, string key)
    {
        var states = Path.Combine(root, "state");
        if (!Directory.Exists(states))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(states, "*.json").Order(StringComparer.Ordinal))
        {
            var stages = JsonFiles.TryRead<Dictionary<string, StageState>>(file) ?? [];
            foreach (var (id, state) in stages.Where(s => s.Value.Key == key).OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                yield return (Path.GetFileNameWithoutExtension(file), id);
            }
        }
    }
}
