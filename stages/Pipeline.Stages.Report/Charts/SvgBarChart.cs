using System.Globalization;
using System.Text;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Charts;

/// <summary>Horizontal bars of fractions on a 0-100% axis (accuracies), ours highlighted, values printed at the bar ends.</summary>
internal static class SvgBarChart
{
    private const double Width = 720;
    private const double LabelWidth = 330;
    private const double Right = 70;
    private const double Top = 36;
    private const double RowHeight = 26;
    private const double Bottom = 32;

    /// <summary>The chart as an SVG element; <paramref name="standalone"/> adds the namespace for a .svg file.</summary>
    public static string Render(string title, IReadOnlyList<BarSpec> bars, bool standalone = false)
    {
        var height = Top + (bars.Count * RowHeight) + Bottom;
        var plotRight = Width - Right;
        double Px(double fraction) => LabelWidth + (Math.Clamp(fraction, 0, 1) * (plotRight - LabelWidth));
        var svg = new StringBuilder();
        svg.Append(Svg.Open(Width, height, title, standalone));
        svg.Append($"<rect x=\"0\" y=\"0\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(height)}\" fill=\"#fff\"/>");
        svg.Append($"<text x=\"{Svg.N(Width / 2)}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Svg.E(title)}</text>");
        var axisY = Top + (bars.Count * RowHeight);
        for (var tick = 0; tick <= 100; tick += 20)
        {
            var px = Px(tick / 100.0);
            svg.Append($"<line x1=\"{Svg.N(px)}\" y1=\"{Svg.N(Top)}\" x2=\"{Svg.N(px)}\" y2=\"{Svg.N(axisY)}\" stroke=\"#e5e5e5\"/>");
            svg.Append($"<text x=\"{Svg.N(px)}\" y=\"{Svg.N(axisY + 16)}\" text-anchor=\"middle\" font-size=\"11\">{tick}%</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * RowHeight);
            var color = bar.Highlight ? Svg.Palette[0] : Svg.Palette[8];
            svg.Append($"<text x=\"{Svg.N(LabelWidth - 8)}\" y=\"{Svg.N(y + 17)}\" text-anchor=\"end\" font-size=\"12\">{Svg.E(Shorten(bar.Label))}</text>");
            if (double.IsFinite(bar.Value))
            {
                svg.Append($"<rect x=\"{Svg.N(LabelWidth)}\" y=\"{Svg.N(y + 4)}\" width=\"{Svg.N(Px(bar.Value) - LabelWidth)}\" height=\"{Svg.N(RowHeight - 8)}\" fill=\"{color}\"><title>{Svg.E(bar.Label)}: {Percent(bar.Value)}</title></rect>");
                svg.Append($"<text x=\"{Svg.N(Px(bar.Value) + 4)}\" y=\"{Svg.N(y + 17)}\" font-size=\"12\">{Percent(bar.Value)}</text>");
            }
        }

        svg.Append($"<line x1=\"{Svg.N(LabelWidth)}\" y1=\"{Svg.N(Top)}\" x2=\"{Svg.N(LabelWidth)}\" y2=\"{Svg.N(axisY)}\" stroke=\"#333\"/>");
        svg.Append(Svg.Close);
        return svg.ToString();
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Shorten(string label) => label.Length <= 52 ? label : label[..50] + "…";
}
