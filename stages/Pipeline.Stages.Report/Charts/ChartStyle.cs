using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Pipeline.Stages.Report.Charts;

/// <summary>What every report chart shares: a colour-blind-safe palette (Okabe-Ito), the font, percent tick labels.</summary>
internal static class ChartStyle
{
    /// <summary>Categorical colours: blue for ours, then orange, green, vermillion, purple, sky blue, gray.</summary>
    public static IReadOnlyList<Color> Palette { get; } =
        new[] { "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#999999" }.Select(Color.FromHex).ToList();

    /// <summary>Bars that are not ours.</summary>
    public static Color Gray { get; } = Color.FromHex("#999999");

    /// <summary>A sans-serif family installed here (DejaVu Sans on Debian), else ScottPlot's default.</summary>
    private static readonly Lazy<string> SansFamily = new(() =>
    {
        var installed = SKFontManager.Default.GetFontFamilies();
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" }
            .FirstOrDefault(f => installed.Contains(f, StringComparer.OrdinalIgnoreCase)) ?? Fonts.Default;
    });

    /// <summary>A plot with the report's font and title.</summary>
    public static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(SansFamily.Value);
        plot.Title(title, 15);
        return plot;
    }

    /// <summary>A fraction as a whole percentage for axis ticks: 0.4 → "40%".</summary>
    public static string PercentTick(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A number for axis ticks, invariant culture, without trailing zeros.</summary>
    public static string NumberTick(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
