using System.Text;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Charts;

/// <summary>Draws a <see cref="LineChartSpec"/> as SVG: axes with nice ticks, one polyline per series, a legend.</summary>
internal static class SvgLineChart
{
    private const double Width = 720;
    private const double Height = 320;
    private const double Left = 70;
    private const double Right = 16;
    private const double Top = 36;
    private const double Bottom = 48;

    /// <summary>Most points drawn per series; longer series are thinned evenly (first and last kept).</summary>
    public const int MaxPointsPerSeries = 1500;

    /// <summary>The chart as an SVG element; <paramref name="standalone"/> adds the namespace for a .svg file.</summary>
    public static string Render(LineChartSpec spec, bool standalone = false)
    {
        var series = spec.Series.Select(s => (s.Name, Points: Finite(s))).Where(s => s.Points.Count > 0).ToList();
        var x = AxisScale.For(series.SelectMany(s => s.Points.Select(p => p.X)));
        var y = AxisScale.For(series.SelectMany(s => s.Points.Select(p => p.Y)));
        var plotRight = Width - Right;
        var plotBottom = Height - Bottom;
        var svg = new StringBuilder();
        svg.Append(Svg.Open(Width, Height, spec.Title, standalone));
        svg.Append($"<rect x=\"0\" y=\"0\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(Height)}\" fill=\"#fff\"/>");
        svg.Append($"<text x=\"{Svg.N(Width / 2)}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Svg.E(spec.Title)}</text>");
        foreach (var tick in y.Ticks)
        {
            var py = y.Map(tick, plotBottom, Top);
            svg.Append($"<line x1=\"{Svg.N(Left)}\" y1=\"{Svg.N(py)}\" x2=\"{Svg.N(plotRight)}\" y2=\"{Svg.N(py)}\" stroke=\"#e5e5e5\"/>");
            svg.Append($"<text x=\"{Svg.N(Left - 6)}\" y=\"{Svg.N(py + 4)}\" text-anchor=\"end\" font-size=\"11\">{Svg.E(AxisScale.Label(tick))}</text>");
        }

        foreach (var tick in x.Ticks)
        {
            var px = x.Map(tick, Left, plotRight);
            svg.Append($"<line x1=\"{Svg.N(px)}\" y1=\"{Svg.N(plotBottom)}\" x2=\"{Svg.N(px)}\" y2=\"{Svg.N(plotBottom + 5)}\" stroke=\"#333\"/>");
            svg.Append($"<text x=\"{Svg.N(px)}\" y=\"{Svg.N(plotBottom + 18)}\" text-anchor=\"middle\" font-size=\"11\">{Svg.E(AxisScale.Label(tick))}</text>");
        }

        svg.Append($"<rect x=\"{Svg.N(Left)}\" y=\"{Svg.N(Top)}\" width=\"{Svg.N(plotRight - Left)}\" height=\"{Svg.N(plotBottom - Top)}\" fill=\"none\" stroke=\"#333\"/>");
        svg.Append($"<text x=\"{Svg.N((Left + plotRight) / 2)}\" y=\"{Svg.N(Height - 10)}\" text-anchor=\"middle\" font-size=\"12\">{Svg.E(spec.XLabel)}</text>");
        svg.Append($"<text transform=\"translate(16 {Svg.N((Top + plotBottom) / 2)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">{Svg.E(spec.YLabel)}</text>");
        for (var i = 0; i < series.Count; i++)
        {
            var color = Svg.Palette[i % Svg.Palette.Count];
            var points = Thin(series[i].Points);
            var path = string.Join(' ', points.Select(p => $"{Svg.N(x.Map(p.X, Left, plotRight))},{Svg.N(y.Map(p.Y, plotBottom, Top))}"));
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\" points=\"{path}\"/>");
            if (spec.Markers || points.Count == 1)
            {
                foreach (var p in points)
                {
                    svg.Append($"<circle cx=\"{Svg.N(x.Map(p.X, Left, plotRight))}\" cy=\"{Svg.N(y.Map(p.Y, plotBottom, Top))}\" r=\"3\" fill=\"{color}\"/>");
                }
            }
        }

        if (series.Count > 1)
        {
            for (var i = 0; i < series.Count; i++)
            {
                var ly = Top + 14 + (i * 16);
                var color = Svg.Palette[i % Svg.Palette.Count];
                svg.Append($"<line x1=\"{Svg.N(plotRight - 150)}\" y1=\"{Svg.N(ly - 4)}\" x2=\"{Svg.N(plotRight - 132)}\" y2=\"{Svg.N(ly - 4)}\" stroke=\"{color}\" stroke-width=\"3\"/>");
                svg.Append($"<text x=\"{Svg.N(plotRight - 126)}\" y=\"{Svg.N(ly)}\" font-size=\"11\">{Svg.E(series[i].Name)}</text>");
            }
        }

        if (series.Count == 0)
        {
            svg.Append($"<text x=\"{Svg.N(Width / 2)}\" y=\"{Svg.N(Height / 2)}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#888\">no finite values to draw</text>");
        }

        svg.Append(Svg.Close);
        return svg.ToString();
    }

    private static List<(double X, double Y)> Finite(ChartSeries series) =>
        series.X.Zip(series.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).Select(p => (p.First, p.Second)).ToList();

    private static List<(double X, double Y)> Thin(List<(double X, double Y)> points)
    {
        if (points.Count <= MaxPointsPerSeries)
        {
            return points;
        }

        var stride = (double)(points.Count - 1) / (MaxPointsPerSeries - 1);
        return Enumerable.Range(0, MaxPointsPerSeries).Select(i => points[(int)Math.Round(i * stride)]).ToList();
    }
}
