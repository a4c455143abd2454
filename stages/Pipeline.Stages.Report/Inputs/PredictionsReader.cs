using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Computes the confusion matrix from predictions.parquet (label, predicted, class_name).</summary>
internal static class PredictionsReader
{
    private const int MaxClasses = 100;

    /// <summary>Fills <see cref="ReportModel.Confusion"/> from <paramref name="directory"/>.</summary>
    public static async Task LoadAsync(ReportModel model, string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, ReportInputs.PredictionsFile);
        if (!File.Exists(path))
        {
            model.Notes.Add(ReportSections.Eval, $"{ReportInputs.Predictions}/{ReportInputs.PredictionsFile} is missing: no confusion matrix from predictions");
            return;
        }

        var table = await ParquetTable.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var labels = table.Doubles("label");
        var predicted = table.Doubles("predicted");
        if (labels is null || predicted is null)
        {
            model.Notes.Add(ReportSections.Eval, $"{ReportInputs.PredictionsFile} lacks numeric 'label' or 'predicted' columns: no confusion matrix");
            return;
        }

        var pairs = labels.Zip(predicted).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && p.First >= 0 && p.Second >= 0)
            .Select(p => ((int)p.First, (int)p.Second)).ToList();
        var classes = pairs.Count == 0 ? 0 : pairs.Max(p => Math.Max(p.Item1, p.Item2)) + 1;
        if (classes is 0 or > MaxClasses)
        {
            model.Notes.Add(ReportSections.Eval, $"{ReportInputs.PredictionsFile}: {classes} classes; no confusion matrix drawn (1 to {MaxClasses} supported)");
            return;
        }

        var names = Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (table.Strings("class_name") is { } classNames)
        {
            for (var i = 0; i < labels.Length; i++)
            {
                if (double.IsFinite(labels[i]) && labels[i] >= 0 && labels[i] < classes && !string.IsNullOrEmpty(classNames[i]))
                {
                    names[(int)labels[i]] = classNames[i]!;
                }
            }
        }

        var counts = new int[classes, classes];
        foreach (var (label, guess) in pairs)
        {
            counts[label, guess]++;
        }

        model.Confusion = new ConfusionMatrix(names, counts);
    }
}
