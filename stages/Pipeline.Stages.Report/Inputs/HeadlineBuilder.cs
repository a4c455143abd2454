using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Builds the test-accuracy rows (ours, baselines, then the reference from the params) from summary.json.</summary>
internal static class HeadlineBuilder
{
    private static readonly (string Prefix, string Label, bool Ours, string Probe)[] Rows =
    [
        ("test", "linear probe on our SimCLR encoder", true, ProbeNames.Linear),
        ("baseline_test", "linear probe on a random-init encoder (baseline)", false, ProbeNames.Linear),
        ("pixel_test", "linear probe on raw pixels (baseline)", false, ProbeNames.Linear),
        ("knn", "weighted k-NN on our SimCLR encoder", true, ProbeNames.Knn),
        ("baseline_knn", "weighted k-NN on a random-init encoder (baseline)", false, ProbeNames.Knn),
        ("pixel_knn", "weighted k-NN on raw pixels (baseline)", false, ProbeNames.Knn),
    ];

    /// <summary>Fills <see cref="ReportModel.Headline"/>: one row per prefix with a top-1 or top-5, then the reference.</summary>
    public static void Build(ReportModel model)
    {
        foreach (var (prefix, label, ours, probe) in Rows)
        {
            var top1 = model.SummaryNumbers.GetValueOrDefault($"{prefix}_top1", double.NaN);
            var top5 = model.SummaryNumbers.GetValueOrDefault($"{prefix}_top5", double.NaN);
            if (double.IsFinite(top1) || double.IsFinite(top5))
            {
                model.Headline.Add(new HeadlineRow(label, top1, top5, ours, $"summary.json: {prefix}_top1 / {prefix}_top5", probe));
            }
        }

        if (model.Headline.Count > 0 && !model.SummaryNumbers.ContainsKey("test_top1"))
        {
            model.Notes.Add(ReportSections.Eval, "summary.json has no test_top1: our linear-probe top-1 is not known");
        }

        model.Headline.Add(new HeadlineRow(
            $"reference: {model.Params.ReferenceLabel}", model.Params.ReferenceTop1, double.NaN, false, "params: reference_top1 (another run)", Probe: null, IsReference: true));
    }
}
