using ScottPlot;
using ScottPlot.TickGenerators;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Charts;

/// <summary>Per-class test accuracy as bars grouped by class, one colour per encoder, with a legend naming the encoders.</summary>
internal static class PerClassChart
{
    private const double GroupWidth = 0.8;

    /// <summary>The figure for <paramref name="perClass"/>: wider with more classes, so class names stay readable.</summary>
    public static ChartFigure Figure(string name, string title, PerClassAccuracy perClass) =>
        new(name, title, Math.Clamp(140 + (perClass.Classes.Count * 30 * Math.Max(1, perClass.Encoders.Count)), 720, 1400), 420, () => Build(title, perClass));

    private static Plot Build(string title, PerClassAccuracy perClass)
    {
        var plot = ChartStyle.NewPlot(title);
        var encoders = perClass.Encoders.Count;
        var barWidth = GroupWidth / encoders;
        for (var e = 0; e < encoders; e++)
        {
            var encoder = perClass.Encoders[e];
            var color = ChartStyle.Palette[e % ChartStyle.Palette.Count];
            var bars = new List<Bar>();
            for (var c = 0; c < perClass.Classes.Count; c++)
            {
                var value = encoder.Accuracy[c];
                if (double.IsFinite(value))
                {
                    bars.Add(new Bar
                    {
                        Position = c - (GroupWidth / 2) + (barWidth * (e + 0.5)),
                        Value = value,
                        Size = barWidth * 0.92,
                        FillColor = color,
                        LineWidth = 0,
                    });
                }
            }

            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = encoder.Encoder;
            plottable.Color = color;
        }

        var ticks = new NumericManual();
        for (var c = 0; c < perClass.Classes.Count; c++)
        {
            ticks.AddMajor(c, perClass.Classes[c]);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = ChartStyle.PercentTick };
        plot.Axes.SetLimits(-0.6, perClass.Classes.Count - 0.4, 0, 1.04);
        plot.YLabel("test accuracy");
        plot.XLabel("class");
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
