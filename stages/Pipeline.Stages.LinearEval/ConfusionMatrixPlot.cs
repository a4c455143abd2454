using Pipeline.Ml.Eval;
using Pipeline.Stages.Abstractions;
using ScottPlot;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// Draws a confusion matrix as a labelled heat map: rows are true classes (first at the top), columns predicted
/// classes; each cell is coloured by the row-normalised fraction (recall for the diagonal) and shows the count.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Writes the PNG to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, ConfusionMatrix matrix, IReadOnlyList<string> classNames, string title)
    {
        var n = matrix.ClassCount;
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (var row = 0; row < n; row++)
        {
            var support = matrix.Support(row);
            for (var col = 0; col < n; col++)
            {
                var count = matrix.Count(row, col);
                var fraction = support == 0 ? 0 : (double)count / support;
                var y = n - 1 - row;
                var cell = plot.Add.Rectangle(col - 0.5, col + 0.5, y - 0.5, y + 0.5);
                cell.FillStyle.Color = colormap.GetColor(fraction);
                cell.LineStyle.Width = 0;
                var text = plot.Add.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), col, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = n <= 10 ? 13 : 9;
                text.LabelFontColor = fraction > 0.5 ? Colors.Black : Colors.White;
            }
        }

        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < n; i++)
        {
            xTicks.AddMajor(i, classNames[i]);
            yTicks.AddMajor(n - 1 - i, classNames[i]);
        }
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Title(title);
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        var side = Math.Max(600, 60 * n + 200);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(side, side, ImageFormat.Png));
    }
}
