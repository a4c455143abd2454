using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>
/// Builds the headline margins from summary.json: for the linear probe and the weighted k-NN, our top-1 minus the
/// better of the two baselines of the same run. The reference in the params is never a margin: it comes from another run.
/// </summary>
internal static class MarginBuilder
{
    private static readonly (string Probe, string OursKey)[] Probes =
    [
        (ProbeNames.Linear, "test_top1"),
        (ProbeNames.Knn, "knn_top1"),
    ];

    private static readonly (string Name, string Prefix)[] Baselines =
    [
        ("random-init", "baseline_"),
        ("raw pixels", "pixel_"),
    ];

    /// <summary>Fills <see cref="ReportModel.Margins"/>; a probe we have without any baseline is noted.</summary>
    public static void Build(ReportModel model)
    {
        foreach (var (probe, oursKey) in Probes)
        {
            if (!model.SummaryNumbers.TryGetValue(oursKey, out var ours) || !double.IsFinite(ours))
            {
                continue;
            }

            var baselines = Baselines
                .Select(b => (b.Name, Top1: model.SummaryNumbers.GetValueOrDefault(b.Prefix + oursKey, double.NaN)))
                .Where(b => double.IsFinite(b.Top1))
                .ToList();
            if (baselines.Count == 0)
            {
                var keys = string.Join(" or ", Baselines.Select(b => b.Prefix + oursKey));
                model.Notes.Add(ReportSections.Eval, $"summary.json has no {keys}: no margin over a baseline for the {probe}");
                continue;
            }

            // Ties go to the first baseline listed, so the same summary always names the same one.
            var best = baselines.Aggregate((a, b) => b.Top1 > a.Top1 ? b : a);
            model.Margins.Add(new BaselineMargin(probe, ours, best.Name, best.Top1));
        }
    }
}
