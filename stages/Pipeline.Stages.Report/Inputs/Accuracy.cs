namespace Pipeline.Stages.Report.Inputs;

/// <summary>Accuracies are fractions in this pipeline; a value above 1 and at most 100 is read as a percentage.</summary>
internal static class Accuracy
{
    /// <summary>True for keys that hold an accuracy (top1, top5, accuracy, acc).</summary>
    public static bool IsAccuracyKey(string key) =>
        key.Contains("top1", StringComparison.OrdinalIgnoreCase) || key.Contains("top5", StringComparison.OrdinalIgnoreCase) ||
        key.Contains("accuracy", StringComparison.OrdinalIgnoreCase) || key.EndsWith("acc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as a fraction.</summary>
    public static double AsFraction(double value) => value is > 1 and <= 100 ? value / 100 : value;
}
