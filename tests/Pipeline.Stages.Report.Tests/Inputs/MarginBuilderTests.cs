using Pipeline.Stages.Report.Inputs;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Tests.Inputs;

public sealed class MarginBuilderTests
{
    [Fact]
    public void Each_probe_is_measured_against_the_better_of_its_two_baselines()
    {
        var model = Model(new()
        {
            ["test_top1"] = 0.844, ["baseline_test_top1"] = 0.814, ["pixel_test_top1"] = 0.825,
            ["knn_top1"] = 0.834, ["baseline_knn_top1"] = 0.805, ["pixel_knn_top1"] = 0.780,
        });

        MarginBuilder.Build(model);

        Assert.Equal(2, model.Margins.Count);
        var linear = model.Margins[0];
        Assert.Equal((ProbeNames.Linear, "raw pixels", 0.825), (linear.Probe, linear.BestBaseline, linear.BestBaselineTop1));
        Assert.Equal(0.019, linear.Margin, 9);
        Assert.Equal("+1.90 pp over the best baseline (raw pixels)", linear.Describe());
        var knn = model.Margins[1];
        Assert.Equal("+2.90 pp over the best baseline (random-init)", knn.Describe());
        Assert.Empty(model.Notes.All());
    }

    [Fact]
    public void A_margin_below_the_best_baseline_is_negative_and_a_tie_within_rounding_reads_zero()
    {
        var model = Model(new() { ["test_top1"] = 0.8440, ["baseline_test_top1"] = 0.8139, ["pixel_test_top1"] = 0.8436, ["knn_top1"] = 0.7742, ["pixel_knn_top1"] = 0.8155 });

        MarginBuilder.Build(model);

        Assert.Equal(["+0.04 pp over the best baseline (raw pixels)", "-4.13 pp over the best baseline (raw pixels)"], model.Margins.Select(m => m.Describe()));
    }

    [Fact]
    public void The_params_reference_is_never_the_margin()
    {
        var model = Model(new() { ["test_top1"] = 0.612, ["pixel_test_top1"] = 0.354 }, new ReportParams { ReferenceTop1 = 0.9 });

        MarginBuilder.Build(model);

        Assert.Equal(0.258, Assert.Single(model.Margins).Margin, 9);
    }

    [Fact]
    public void A_probe_without_baselines_gets_a_note_and_no_margin()
    {
        var model = Model(new() { ["test_top1"] = 0.612, ["knn_top1"] = 0.587, ["baseline_test_top1"] = double.NaN });

        MarginBuilder.Build(model);

        Assert.Empty(model.Margins);
        Assert.Equal(
            [
                "summary.json has no baseline_test_top1 or pixel_test_top1: no margin over a baseline for the linear probe",
                "summary.json has no baseline_knn_top1 or pixel_knn_top1: no margin over a baseline for the weighted k-NN",
            ],
            model.Notes.For(ReportSections.Eval));
    }

    [Fact]
    public void Equal_baselines_name_the_random_init_one()
    {
        var model = Model(new() { ["test_top1"] = 0.6, ["baseline_test_top1"] = 0.5, ["pixel_test_top1"] = 0.5 });

        MarginBuilder.Build(model);

        Assert.Equal("random-init", Assert.Single(model.Margins).BestBaseline);
    }

    private static ReportModel Model(Dictionary<string, double> summary, ReportParams? parameters = null)
    {
        var model = new ReportModel { Params = parameters ?? new ReportParams(), Inputs = [] };
        foreach (var (key, value) in summary)
        {
            model.SummaryNumbers[key] = value;
        }

        return model;
    }
}
