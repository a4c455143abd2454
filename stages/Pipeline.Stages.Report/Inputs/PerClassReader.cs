using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>
/// Turns metrics.parquet's rows (one per model and class: <c>model</c>, <c>class_name</c>, <c>accuracy</c>) into one
/// accuracy list per encoder, classes and encoders in file order. A table without a <c>model</c> column is the
/// pre-trained encoder alone.
/// </summary>
internal static class PerClassReader
{
    /// <summary>What linear-eval's model names mean to a reader.</summary>
    private static readonly Dictionary<string, string> EncoderNames = new(StringComparer.Ordinal)
    {
        ["pretrained"] = "pre-trained",
        ["baseline"] = "random-init",
        ["pixel"] = "raw pixels",
    };

    /// <summary>The per-class accuracies; rows without a class name are named by their position.</summary>
    public static PerClassAccuracy Read(IReadOnlyList<string?> classNames, IReadOnlyList<double> accuracy, IReadOnlyList<string?>? models)
    {
        var rows = Enumerable.Range(0, classNames.Count)
            .Select(i => (Model: models?[i] ?? "pretrained", Class: classNames[i] ?? $"class {i}", Accuracy: Accuracy.AsFraction(accuracy[i])))
            .ToList();
        var classes = rows.Select(r => r.Class).Distinct(StringComparer.Ordinal).ToList();
        var encoders = rows.Select(r => r.Model).Distinct(StringComparer.Ordinal).Select(model =>
        {
            var byClass = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.Model == model))
            {
                byClass.TryAdd(row.Class, row.Accuracy);
            }

            return new EncoderAccuracies(EncoderNames.GetValueOrDefault(model, model), classes.Select(c => byClass.GetValueOrDefault(c, double.NaN)).ToList());
        }).ToList();
        return new PerClassAccuracy(classes, encoders);
    }
}
