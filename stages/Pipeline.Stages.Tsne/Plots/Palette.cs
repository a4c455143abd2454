using System.Globalization;

namespace Pipeline.Stages.Tsne.Plots;

/// <summary>
/// Colours for categories: matplotlib's <c>tab10</c> (the reference figures' palette), then <c>tab20</c>'s light shades,
/// then evenly spaced hues, so any number of classes gets distinct, stable colours.
/// </summary>
public static class Palette
{
    private static readonly string[] Tab10 =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly string[] Tab20Light =
        ["#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"];

    /// <summary>The colour of category number <paramref name="index"/> as <c>#rrggbb</c>.</summary>
    public static string Hex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < Tab10.Length)
        {
            return Tab10[index];
        }

        if (index < Tab10.Length + Tab20Light.Length)
        {
            return Tab20Light[index - Tab10.Length];
        }

        var hue = ((index - 20) * 0.618033988749895) % 1.0;
        return FromHsv(hue, 0.65, 0.85);
    }

    /// <summary>Red, green and blue of <paramref name="hex"/> (<c>#rrggbb</c>).</summary>
    public static (byte R, byte G, byte B) Rgb(string hex) =>
        (byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static string FromHsv(double h, double s, double v)
    {
        var i = (int)(h * 6);
        var f = (h * 6) - i;
        var p = v * (1 - s);
        var q = v * (1 - (f * s));
        var t = v * (1 - ((1 - f) * s));
        var (r, g, b) = (i % 6) switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
        return $"#{(int)(r * 255):x2}{(int)(g * 255):x2}{(int)(b * 255):x2}";
    }
}
