using System.Globalization;

namespace Pipeline.Stages.Report.Rendering;

/// <summary>Number formatting shared by both writers (invariant culture, "n/a" for missing values).</summary>
internal static class Format
{
    /// <summary>A fraction as a percentage with one decimal: 0.546 → "54.6%".</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A number with up to four decimals (scientific for tiny magnitudes).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "n/a" : value.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        return magnitude != 0 && magnitude < 1e-3
            ? value.ToString("0.###e0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A headline margin in percentage points with two decimals ("+1.49 pp"), so a margin just under a goal (1.5)
    /// never reads as having met it.
    /// </summary>
    public static string MarginPoints(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " pp" : "n/a";

    /// <summary>A difference in percentage points with its sign: "+6.6 pp".</summary>
    public static string PointsDelta(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp" : "n/a";
}
