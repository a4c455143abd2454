using Pipeline.Ml.Eval;
using Pipeline.Stages.Abstractions;
using ScottPlot;

namespace Pipeline.Stages.LinearEval;

/// <summary>Validation accuracy per epoch of every probed model in one line chart, with the kept epochs marked.</summary>
public static class ValidationCurvesPlot
{
    /// <summary>Writes the PNG to <paramref name="path"/> atomically; <paramref name="curves"/> maps a model name to its probe history and kept epoch.</summary>
    public static void Save(string path, IReadOnlyList<(string Model, IReadOnlyList<LinearProbeEpoch> History, int BestEpoch)> curves)
    {
        var plot = new Plot();
        foreach (var (model, history, bestEpoch) in curves)
        {
            var xs = history.Select(e => (double)e.Epoch).ToArray();
            var ys = history.Select(e => e.ValAccuracy).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"{model} (kept epoch {bestEpoch})";
            line.MarkerSize = history.Count <= 30 ? 4 : 0;
        }
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title("Linear probe: validation accuracy");
        plot.XLabel("epoch");
        plot.YLabel("validation accuracy");
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(800, 500, ImageFormat.Png));
    }
}
