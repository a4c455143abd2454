using System.Globalization;
using System.Text;

namespace Pipeline.Tracking.FileStore;

/// <summary>One line of a file-store metric file: <c>&lt;timestamp_ms&gt; &lt;value&gt; &lt;step&gt;\n</c>, values as Python prints floats.</summary>
internal static class MetricLine
{
    public static byte[] Format(long timestampMs, double value, long step) =>
        Encoding.ASCII.GetBytes(
            timestampMs.ToString(CultureInfo.InvariantCulture) + " " + FormatValue(value) + " " + step.ToString(CultureInfo.InvariantCulture) + "\n");

    public static string FormatValue(double value) => value switch
    {
        double.NaN => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e16 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a complete line; false for a torn or malformed one.</summary>
    public static bool TryParse(string key, string line, out MetricPoint point)
    {
        point = default;
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3
            || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp)
            || !TryParseValue(parts[1], out var value))
        {
            return false;
        }

        long step = 0;
        if (parts.Length == 3 && !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out step))
        {
            return false;
        }

        point = new MetricPoint(key, value, timestamp, step);
        return true;
    }

    /// <summary>Every complete line of a metric file; the last line is used only if it ends in '\n'.</summary>
    public static List<MetricPoint> ReadFile(string path, string key)
    {
        var text = File.ReadAllText(path);
        var complete = text.LastIndexOf('\n');
        var points = new List<MetricPoint>();
        foreach (var line in text[..(complete + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParse(key, line, out var point))
            {
                points.Add(point);
            }
        }

        return points;
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "nan":
                value = double.NaN;
                return true;
            case "inf" or "infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
