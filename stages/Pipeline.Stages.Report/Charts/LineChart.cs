using ScottPlot;
using ScottPlot.TickGenerators;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Charts;

/// <summary>A <see cref="LineChartSpec"/> as a ScottPlot line chart: one line per series, a legend when there are several.</summary>
internal static class LineChart
{
    /// <summary>Most points drawn per series; longer series are thinned evenly (first and last kept) to keep the page small.</summary>
    public const int MaxPointsPerSeries = 1500;

    /// <summary>The figure for <paramref name="spec"/>.</summary>
    public static ChartFigure Figure(LineChartSpec spec) => new(spec.Name, spec.Title, 720, 340, () => Build(spec));

    private static Plot Build(LineChartSpec spec)
    {
        var plot = ChartStyle.NewPlot(spec.Title);
        var series = spec.Series.Select(s => (s.Name, Points: Thin(Finite(s)))).Where(s => s.Points.Count > 0).ToList();
        for (var i = 0; i < series.Count; i++)
        {
            var (name, points) = series[i];
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            line.Color = ChartStyle.Palette[i % ChartStyle.Palette.Count];
            line.LineWidth = 1.6f;
            line.MarkerSize = spec.Markers || points.Count == 1 ? 5 : 0;
            line.LegendText = name;
        }

        if (series.Count == 0)
        {
            plot.Add.Annotation("no finite values to draw");
        }

        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = ChartStyle.NumberTick };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = ChartStyle.NumberTick };
        plot.XLabel(spec.XLabel);
        plot.YLabel(spec.YLabel);
        if (series.Count > 1)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            plot.HideLegend();
        }

        return plot;
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
