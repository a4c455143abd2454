using ScottPlot;
using ScottPlot.TickGenerators;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Charts;

/// <summary>Horizontal bars of test top-1 on a 0-100% axis, ours in blue and the others gray, the value at each bar's end.</summary>
internal static class AccuracyBarChart
{
    /// <summary>The figure for <paramref name="rows"/> (rows with a finite top-1 only), first row at the top.</summary>
    public static ChartFigure Figure(string name, string title, IReadOnlyList<HeadlineRow> rows)
    {
        var shown = rows.Where(r => double.IsFinite(r.Top1)).ToList();
        return new ChartFigure(name, title, 900, 90 + (shown.Count * 34), () => Build(title, shown));
    }

    private static Plot Build(string title, List<HeadlineRow> rows)
    {
        var plot = ChartStyle.NewPlot(title);
        var ticks = new NumericManual();
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var position = rows.Count - 1 - i;
            var row = rows[i];
            bars.Add(new Bar
            {
                Position = position,
                Value = Math.Clamp(row.Top1, 0, 1),
                Size = 0.7,
                FillColor = row.Ours ? ChartStyle.Palette[0] : ChartStyle.Gray,
                LineWidth = 0,
                Label = Rendering.Format.Percent(row.Top1),
            });
            ticks.AddMajor(position, Shorten(row.Label));
        }

        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 12;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = ChartStyle.PercentTick };
        plot.Axes.SetLimits(0, 1.08, -0.6, rows.Count - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.XLabel("test top-1");
        return plot;
    }

    private static string Shorten(string label) => label.Length <= 60 ? label : label[..58] + "…";
}
