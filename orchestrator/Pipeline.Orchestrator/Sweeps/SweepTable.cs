using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Orchestrator.Sweeps;

/// <summary>The comparison table of a sweep: on the console, and as Parquet and Markdown in the sweep's folder.</summary>
public sealed class SweepTable
{
    private readonly IReadOnlyList<SweepRow> _rows;
    private readonly IReadOnlyList<string> _keys;
    private readonly IReadOnlyList<string> _stages;
    private readonly IReadOnlyList<string> _metrics;

    /// <summary>Builds the table, sorted by <paramref name="metric"/> (best first) when given.</summary>
    public SweepTable(IEnumerable<SweepRow> rows, IReadOnlyList<string> keys, IReadOnlyList<string> stages, string? metric, bool maximise)
    {
        var list = rows.ToList();
        if (metric is not null)
        {
            list = list.OrderBy(r => r.Metrics.TryGetValue(metric, out var v) && !double.IsNaN(v) ? 0 : 1)
                .ThenBy(r => r.Metrics.TryGetValue(metric, out var v) ? (maximise ? -v : v) : 0)
                .ThenBy(r => r.Variant)
                .ToList();
        }

        _rows = list;
        _keys = keys;
        _stages = stages;
        // The few others shown first: those that differ between variants (a shared stage's metric is the same in
        // every row), then those of the chosen metric's stage, then by name.
        var stage = metric?.Split('.')[0] + ".";
        var allMetrics = list.SelectMany(r => r.Metrics.Keys).Distinct()
            .OrderBy(m => list.Select(r => r.Metrics.TryGetValue(m, out var v) ? v : double.NaN).Distinct().Count() > 1 ? 0 : 1)
            .ThenBy(m => metric is not null && m.StartsWith(stage, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(m => m, StringComparer.Ordinal)
            .ToList();
        _metrics = metric is null ? allMetrics : [metric, .. allMetrics.Where(m => m != metric)];
    }

    /// <summary>Rows in table order.</summary>
    public IReadOnlyList<SweepRow> Rows => _rows;

    /// <summary>The console table: values, status, and the first few metrics.</summary>
    public string ToConsole(int maxMetrics = 4)
    {
        var metrics = _metrics.Take(maxMetrics).ToList();
        var header = new List<string> { "#" };
        header.AddRange(_keys);
        header.Add("status");
        header.AddRange(metrics);
        var lines = _rows.Select(r =>
        {
            var cells = new List<string> { r.Variant.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(_keys.Select(k => r.Values.GetValueOrDefault(k, string.Empty)));
            cells.Add(r.Status == "succeeded" ? "ok" : $"{r.Status}: {r.Reason}");
            cells.AddRange(metrics.Select(m => r.Metrics.TryGetValue(m, out var v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-"));
            return cells;
        }).ToList();
        var widths = header.Select((h, i) => Math.Min(60, Math.Max(h.Length, lines.Select(l => l[i].Length).DefaultIfEmpty(0).Max()))).ToList();
        var text = new StringBuilder();
        text.AppendLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))));
        foreach (var line in lines)
        {
            text.AppendLine(string.Join("  ", line.Select((c, i) => (c.Length > 60 ? c[..57] + "..." : c).PadRight(widths[i]))));
        }

        return text.ToString();
    }

    /// <summary>The Markdown table with every metric and each stage's status.</summary>
    public string ToMarkdown(string sweepId)
    {
        var columns = new List<string> { "variant", "run" };
        columns.AddRange(_keys);
        columns.Add("status");
        columns.AddRange(_stages.Select(s => $"stage {s}"));
        columns.AddRange(_metrics);
        var text = new StringBuilder();
        text.AppendLine($"# Sweep {sweepId}").AppendLine();
        text.AppendLine("| " + string.Join(" | ", columns) + " |");
        text.AppendLine("|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var r in _rows)
        {
            var cells = new List<string> { r.Variant.ToString(CultureInfo.InvariantCulture), r.RunId };
            cells.AddRange(_keys.Select(k => r.Values.GetValueOrDefault(k, string.Empty)));
            cells.Add(r.Reason is null ? r.Status : $"{r.Status}: {r.Reason}");
            cells.AddRange(_stages.Select(s => r.StageStatus.GetValueOrDefault(s, "-")));
            cells.AddRange(_metrics.Select(m => r.Metrics.TryGetValue(m, out var v) ? v.ToString("0.######", CultureInfo.InvariantCulture) : ""));
            text.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return text.ToString();
    }

    /// <summary>Writes the table as Parquet (one column per value, stage status and metric), atomically.</summary>
    public async Task WriteParquetAsync(string path)
    {
        var variant = new DataField<int>("variant");
        var strings = new List<(DataField Field, string?[] Values)>
        {
            (new DataField<string>("run_id"), _rows.Select(r => r.RunId).ToArray()),
            (new DataField<string>("status"), _rows.Select(r => r.Status).ToArray()),
            (new DataField<string>("reason"), _rows.Select(r => r.Reason).ToArray()),
        };
        strings.AddRange(_keys.Select(k => ((DataField)new DataField<string>(k), _rows.Select(r => r.Values.GetValueOrDefault(k)).ToArray())));
        strings.AddRange(_stages.Select(s => ((DataField)new DataField<string>($"stage.{s}"), _rows.Select(r => r.StageStatus.GetValueOrDefault(s)).ToArray())));
        var metrics = _metrics.Select(m => (Field: (DataField)new DataField<double?>(m), Values: _rows.Select(r => r.Metrics.TryGetValue(m, out var v) ? v : (double?)null).ToArray())).ToList();

        var schema = new ParquetSchema(new Field[] { variant }.Concat(strings.Select(f => f.Field)).Concat(metrics.Select(f => f.Field)).ToArray());
        await AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(variant, new ReadOnlyMemory<int>(_rows.Select(r => r.Variant).ToArray())).ConfigureAwait(false);
            foreach (var (field, values) in strings)
            {
                await group.WriteAsync(field, values!).ConfigureAwait(false);
            }

            foreach (var (field, values) in metrics)
            {
                await group.WriteAsync(field, new ReadOnlyMemory<double?>(values)).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }
}
