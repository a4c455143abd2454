namespace Pipeline.Stages.LinearEval;

/// <summary>Metric key rules: MLflow allows letters, digits, '_', '-', '.', ' ' and '/'; class names are lower-cased with other characters turned into '_'.</summary>
public static class MetricKeys
{
    /// <summary>A class name usable inside a metric key, for example <c>Ankle boot</c> to <c>ankle_boot</c>.</summary>
    public static string Sanitize(string name) =>
        new(name.Trim().ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' ? ch : '_').ToArray());
}
