using System.Globalization;
using Microsoft.Extensions.Logging;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Model;
using Pipeline.Engine.Sweeps;
using Pipeline.Engine.Validation;
using Pipeline.Orchestrator.Cli;
using Pipeline.Orchestrator.Commands;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Orchestrator.Sweeps;

/// <summary>
/// Runs every variant of a sweep as its own pipeline run (own ledger, own MLflow parent run tagged with the sweep
/// id and the variant's values), up to <c>--jobs</c> at once. Stages two variants share have the same cache key,
/// so they run once: the other variant waits on the key lock and takes the cached result.
/// </summary>
public static class SweepCommand
{
    /// <summary>Validates every variant up front (every error at once) and returns them; throws <see cref="PipelineValidationException"/>.</summary>
    public static IReadOnlyList<(SweepVariant Variant, ValidatedPipeline Pipeline)> Prepare(CliOptions options, StageCatalog catalog, ValidatedPipeline basePipeline)
    {
        var errors = new List<Diagnostic>();
        var cliAxes = new List<SweepAxis>();
        for (var i = 0; i < options.Sweeps.Count; i++)
        {
            if (SweepExpander.Parse(options.Sweeps[i], i + 1, out var error) is { } axis)
            {
                cliAxes.Add(axis);
            }
            else
            {
                errors.Add(new Diagnostic(new SourceLocation($"--sweep #{i + 1}", 0, 0), error!));
            }
        }

        if (errors.Count > 0)
        {
            throw new PipelineValidationException(errors);
        }

        var variants = SweepExpander.Expand(basePipeline.Definition.Sweep, cliAxes);
        var prepared = new List<(SweepVariant, ValidatedPipeline)>();
        var baseSets = options.Sets.Select((s, i) => ParamOverride.Parse(s, i + 1, out _)!).ToList();
        foreach (var variant in variants)
        {
            try
            {
                prepared.Add((variant, new PipelineValidator(catalog).Load(options.File!, [.. baseSets, .. variant.Overrides])));
            }
            catch (PipelineValidationException e)
            {
                errors.AddRange(e.Diagnostics.Select(d => d with { Message = $"sweep variant {variant.Index} ({variant.Label}): {d.Message}" }));
            }
        }

        if (errors.Count > 0)
        {
            throw new PipelineValidationException(errors.Distinct().ToList());
        }

        return prepared;
    }

    /// <summary>Runs the variants; prints and writes the comparison table; 0 when all succeeded, 1 when any failed, 130 when cancelled.</summary>
    public static async Task<int> ExecuteAsync(
        CliOptions options,
        StageCatalog catalog,
        IReadOnlyList<(SweepVariant Variant, ValidatedPipeline Pipeline)> variants,
        RunOptions runOptions,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var sweepId = $"sweep-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var folder = Path.Combine(Path.GetFullPath(options.Artifacts), "sweeps", sweepId);
        Directory.CreateDirectory(folder);
        System.Console.WriteLine($"sweep {sweepId}: {variants.Count} variants, up to {runOptions.Jobs} at once");
        foreach (var (variant, _) in variants)
        {
            System.Console.WriteLine($"  [v{variant.Index}] {variant.Label}");
        }

        using var slots = new SemaphoreSlim(Math.Max(1, runOptions.Jobs));
        var rows = new RunRecord?[variants.Count];
        var codes = new int[variants.Count];
        var tasks = variants.Select(async (pair, i) =>
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    codes[i] = 130;
                    return;
                }

                var (variant, pipeline) = pair;
                var tags = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["pipeline.sweep_id"] = sweepId,
                    ["pipeline.sweep_variant"] = variant.Index.ToString(CultureInfo.InvariantCulture),
                };
                foreach (var (key, value) in variant.Values)
                {
                    tags[$"sweep.{key}"] = CanonicalJson.Display(value);
                }

                var name = $"{options.RunName ?? pipeline.Definition.Name} [{variant.Label}]";
                codes[i] = await RunCommand.ExecuteAsync(options, pipeline, catalog, runOptions with { Jobs = 1, RunId = null }, loggers, cancellationToken,
                    prefix: $"[v{variant.Index}] ", extraTags: tags, runName: name, completed: r => rows[i] = r).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                System.Console.Error.WriteLine($"[v{pair.Variant.Index}] error: {e.Message}");
                codes[i] = 1;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var table = BuildTable(variants, rows, codes, options.SweepMetric);
        await table.WriteParquetAsync(Path.Combine(folder, "sweep.parquet")).ConfigureAwait(false);
        AtomicFile.WriteAllText(Path.Combine(folder, "sweep.md"), table.ToMarkdown(sweepId));
        System.Console.WriteLine();
        System.Console.Write(table.ToConsole());
        System.Console.WriteLine($"sweep table: {Path.Combine(folder, "sweep.md")} and sweep.parquet");
        return codes.Any(c => c == 130) || cancellationToken.IsCancellationRequested ? 130 : codes.Any(c => c != 0) ? 1 : 0;
    }

    private static SweepTable BuildTable(IReadOnlyList<(SweepVariant Variant, ValidatedPipeline Pipeline)> variants, RunRecord?[] records, int[] codes, string? metricOption)
    {
        var keys = variants.SelectMany(v => v.Variant.Values.Select(x => x.Key)).Distinct().ToList();
        var stages = variants[0].Pipeline.Definition.Stages.Select(s => s.Id).ToList();
        var rows = variants.Select((pair, i) =>
        {
            var record = records[i];
            var failed = record?.Stages.FirstOrDefault(s => s.Status == StageStatus.Failed);
            var status = record?.Status ?? (codes[i] == 130 ? "cancelled" : "failed");
            var reason = failed is not null ? $"{failed.Id}: {failed.Error}" : record is null ? "did not start" : status == "succeeded" ? null : status;
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var stage in record?.Stages ?? [])
            {
                foreach (var (key, value) in stage.Summary ?? new Dictionary<string, double>())
                {
                    metrics[$"{stage.Id}.{key}"] = value;
                }
            }

            return new SweepRow(
                pair.Variant.Index,
                record?.RunId ?? "-",
                status,
                reason,
                pair.Variant.Values.ToDictionary(v => v.Key, v => CanonicalJson.Display(v.Value), StringComparer.Ordinal),
                (record?.Stages ?? []).ToDictionary(s => s.Id, s => s.Status.ToString().ToLowerInvariant(), StringComparer.Ordinal),
                metrics);
        });

        string? metric = null;
        var maximise = true;
        if (metricOption is not null)
        {
            var colon = metricOption.LastIndexOf(':');
            metric = colon > 0 ? metricOption[..colon] : metricOption;
            maximise = colon <= 0 || metricOption[(colon + 1)..] == "max";
        }

        return new SweepTable(rows, keys, stages, metric, maximise);
    }
}
