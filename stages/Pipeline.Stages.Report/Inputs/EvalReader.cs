using System.Globalization;
using System.Text.Json;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Reads linear-eval's summary.json, per-class metrics.parquet and any other table with an epoch/step column (curves).</summary>
internal static class EvalReader
{
    private const string Section = ReportSections.Eval;
    private static readonly string[] AxisColumns = ["epoch", "step", "iteration"];

    /// <summary>Fills the summary, per-class table and curves from <paramref name="directory"/>.</summary>
    public static async Task LoadAsync(ReportModel model, string directory, CancellationToken cancellationToken)
    {
        LoadSummary(model, Path.Combine(directory, ReportInputs.SummaryFile));
        await LoadPerClassAsync(model, Path.Combine(directory, ReportInputs.MetricsFile), cancellationToken).ConfigureAwait(false);
        foreach (var path in Directory.EnumerateFiles(directory, "*.parquet").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path) != ReportInputs.MetricsFile)
            {
                await LoadCurvesAsync(model, path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void LoadSummary(ReportModel model, string path)
    {
        if (!File.Exists(path))
        {
            model.Notes.Add(Section, $"{ReportInputs.EvalMetrics}/{ReportInputs.SummaryFile} is missing: no headline numbers");
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var (key, text) in JsonFacts.Flatten(document.RootElement))
        {
            model.SummaryText.Add(KeyValuePair.Create(key, text));
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                model.SummaryNumbers[key] = Accuracy.IsAccuracyKey(key) ? Accuracy.AsFraction(number) : number;
            }
        }
    }

    private static async Task LoadPerClassAsync(ReportModel model, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            model.Notes.Add(Section, $"{ReportInputs.EvalMetrics}/{ReportInputs.MetricsFile} is missing: no per-class accuracy");
            return;
        }

        var table = await ParquetTable.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var columns = table.ColumnNames;
        var cells = columns.Select(c => Cells(table, c)).ToList();
        model.PerClass = new DataTable(
            columns,
            Enumerable.Range(0, table.RowCount).Select(r => (IReadOnlyList<string>)cells.Select(c => c[r]).ToList()).ToList());

        var names = table.Strings("class_name");
        var accuracy = table.Doubles("accuracy");
        if (names is null || accuracy is null)
        {
            model.Notes.Add(Section, $"{ReportInputs.MetricsFile} lacks 'class_name' or a numeric 'accuracy' column: no per-class chart");
            return;
        }

        model.PerClassAccuracy = PerClassReader.Read(names, accuracy, table.Strings("model"));
    }

    private static async Task LoadCurvesAsync(ReportModel model, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var table = await ParquetTable.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var axis = AxisColumns.FirstOrDefault(c => table.Has(c) && table.IsNumeric(c));
        if (axis is null || table.RowCount == 0)
        {
            model.Notes.Add(Section, $"{ReportInputs.EvalMetrics}/{Path.GetFileName(path)} has no epoch/step column (or no rows); not drawn");
            return;
        }

        var x = table.Doubles(axis)!;
        var series = table.ColumnNames
            .Where(c => c != axis && !AxisColumns.Contains(c) && table.IsNumeric(c))
            .Select(c => new ChartSeries(c, x, table.Doubles(c)!))
            .ToList();

        // Accuracies and losses differ in scale: draw them on separate charts.
        var accuracies = series.Where(s => Accuracy.IsAccuracyKey(s.Name)).ToList();
        var others = series.Except(accuracies).ToList();
        if (accuracies.Count > 0)
        {
            model.EvalCurves.Add(new LineChartSpec($"eval-{name}-accuracy", $"{name}: accuracy", axis, "accuracy", accuracies));
        }

        if (others.Count > 0)
        {
            model.EvalCurves.Add(new LineChartSpec($"eval-{name}", $"{name}", axis, "value", others));
        }
    }

    private static string[] Cells(ParquetTable table, string column)
    {
        if (table.IsNumeric(column) && table.Doubles(column) is { } numbers)
        {
            var isAccuracy = Accuracy.IsAccuracyKey(column);
            return numbers.Select(v => isAccuracy ? Rendering.Format.Percent(Accuracy.AsFraction(v)) : Rendering.Format.Number(v)).ToArray();
        }

        return table.Strings(column)!.Select(s => s ?? string.Empty).ToArray();
    }
}
