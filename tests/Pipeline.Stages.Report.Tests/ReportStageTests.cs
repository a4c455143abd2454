using System.Text.RegularExpressions;
using Pipeline.Stages.Report.Tests.Support;

namespace Pipeline.Stages.Report.Tests;

public sealed class ReportStageTests
{
    [Fact]
    public async Task Full_inputs_give_a_self_contained_html_with_every_section()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        var reporter = await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.Empty(HtmlChecks.NetworkReferences(html));
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        foreach (var id in new[] { "params", "previews", "pretrain", "eval", "tsne", "environment" })
        {
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("61.2%", html, StringComparison.Ordinal);
        Assert.Contains("95.1%", html, StringComparison.Ordinal);
        Assert.Contains("54.6%", html, StringComparison.Ordinal);
        Assert.Contains("Linear probe: +25.80 pp over the best baseline (raw pixels).", html, StringComparison.Ordinal);
        Assert.Contains("28.3%", html, StringComparison.Ordinal);
        Assert.Contains("35.4%", html, StringComparison.Ordinal);
        Assert.Contains("resnet18", html, StringComparison.Ordinal);
        Assert.Contains("<iframe class=\"view3d\"", html, StringComparison.Ordinal);
        Assert.Contains("getContext(&#39;2d&#39;)", html, StringComparison.Ordinal);
        Assert.Contains(".NET", html, StringComparison.Ordinal);

        // 2 previews + 1 eval plot + 3 t-SNE figures, all inline PNGs that decode.
        var images = HtmlChecks.ImageSources(html);
        Assert.Equal(6, images.Count);
        Assert.All(images, src => HtmlChecks.AssertPngDataUri(src));

        // Charts are inline SVG: loss per step, loss per epoch, lr, throughput, top-1 bars, per-class bars, curves x2.
        Assert.True(Regex.Count(html, "<svg ") >= 8, "expected the pretraining and eval charts as inline SVG");
        // report.md links figures/...: the folder is uploaded beside it.
        var figures = Path.Combine(Path.GetDirectoryName(fixture.MarkdownPath)!, "figures");
        Assert.NotEmpty(Directory.GetFiles(figures));
        Assert.Equal(
            [(fixture.HtmlPath, "report"), (fixture.MarkdownPath, "report"), (figures, "report/figures")],
            reporter.Artifacts.Select(a => (a.Path, a.ArtifactPath)).ToList());
    }

    [Fact]
    public async Task Markdown_has_the_same_numbers_and_links_to_files_beside_it()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture);

        var md = await File.ReadAllTextAsync(fixture.MarkdownPath);
        foreach (var number in new[] { "61.2%", "95.1%", "54.6%", "58.7%", "28.3%", "35.4%", "+25.80 pp over the best baseline (raw pixels)", "71.0%" })
        {
            Assert.Contains(number, md, StringComparison.Ordinal);
        }

        var links = Regex.Matches(md, @"!?\[[^\]]*\]\((?<path>[^)]+)\)").Select(m => m.Groups["path"].Value).ToList();
        Assert.Contains("figures/previews-color_jitter.png", links);
        Assert.Contains("figures/tsne-all_classes.png", links);
        Assert.Contains("figures/pretrain-loss-per-step.svg", links);
        Assert.Contains("figures/tsne_3d.html", links);
        Assert.All(links, link =>
        {
            Assert.False(Path.IsPathRooted(link), link);
            Assert.True(File.Exists(Path.Combine(fixture.ReportDirectory, link)), $"{link} is linked but not beside report.md");
        });
        Assert.DoesNotContain("http", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_inputs_still_give_a_valid_report_that_says_what_is_missing()
    {
        using var fixture = new ReportFixture();
        var reporter = await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        foreach (var input in new[] { "previews", "history", "encoder", "eval_metrics", "predictions", "eval_plots", "tsne_plots", "tsne_coordinates" })
        {
            Assert.Contains($"input &#39;{input}&#39;", html, StringComparison.Ordinal);
        }

        Assert.Contains("54.6%", html, StringComparison.Ordinal);
        Assert.Empty(HtmlChecks.ImageSources(html));
        Assert.Empty(HtmlChecks.NetworkReferences(html));
        var md = await File.ReadAllTextAsync(fixture.MarkdownPath);
        Assert.Contains("input 'history' (table) is not wired", md, StringComparison.Ordinal);
        // html and md, plus the figures folder exactly when report.md links into it.
        Assert.Equal(md.Contains("](figures/", StringComparison.Ordinal) ? 3 : 2, reporter.Artifacts.Count);
    }

    [Fact]
    public async Task A_missing_column_omits_only_its_chart_with_a_note()
    {
        using var fixture = new ReportFixture();
        await fixture.AddHistoryAsync(withLr: false);
        await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.Contains("has no numeric column &#39;lr&#39;", html, StringComparison.Ordinal);
        Assert.Contains("NT-Xent loss per step", html, StringComparison.Ordinal);
        Assert.Contains("Mean loss per epoch", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Learning rate", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_table_costs_its_part_not_the_report()
    {
        using var fixture = new ReportFixture();
        var dir = fixture.Wire(ReportInputs.History);
        await File.WriteAllTextAsync(Path.Combine(dir, ReportInputs.HistoryFile), "not parquet at all");
        await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.Contains("input &#39;history&#39; could not be read", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confusion_matrix_comes_from_predictions_when_there_is_no_png()
    {
        using var fixture = await ReportFixture.CreateFullAsync(confusionPng: false);
        await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.Contains("Confusion matrix (from predictions.parquet)", html, StringComparison.Ordinal);
        Assert.Contains("10 predictions, accuracy 70.0%", html, StringComparison.Ordinal);
        var md = await File.ReadAllTextAsync(fixture.MarkdownPath);
        Assert.Contains("| airplane | 2 | 1 | 0 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confusion_png_is_shown_instead_of_the_computed_matrix()
    {
        using var fixture = await ReportFixture.CreateFullAsync(confusionPng: true);
        await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.DoesNotContain("Confusion matrix (from predictions.parquet)", html, StringComparison.Ordinal);
        Assert.Contains("confusion_matrix.png", html, StringComparison.Ordinal);
        Assert.Equal(7, HtmlChecks.ImageSources(html).Count);
    }

    [Fact]
    public async Task A_3d_view_that_loads_from_the_network_is_not_embedded()
    {
        using var fixture = new ReportFixture();
        fixture.AddTsnePlots("<html><head><script src=\"https://cdn.plot.ly/plotly-2.0.min.js\"></script></head><body></body></html>");
        await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.Empty(HtmlChecks.NetworkReferences(html));
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.Contains("loads from the network", html, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fixture.ReportDirectory, "figures", "tsne_3d.html")));
    }

    [Fact]
    public async Task A_second_run_replaces_the_previous_output()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture);
        Directory.Delete(fixture.Inputs[ReportInputs.Previews], recursive: true);
        fixture.Inputs.Remove(ReportInputs.Previews);
        await ReportRunner.RunAsync(fixture);

        Assert.False(File.Exists(Path.Combine(fixture.ReportDirectory, "figures", "previews-color_jitter.png")));
    }

    [Fact]
    public async Task Params_title_and_reference_are_used()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture, new ReportParams { Title = "Tiny <run>", ReferenceTop1 = 0.5, ReferenceLabel = "my baseline" });

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        Assert.Contains("<title>Tiny &lt;run&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("for reference only (another run, not a baseline): my baseline", html, StringComparison.Ordinal);
        Assert.Contains("50.0%", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_input_is_optional_and_the_output_is_a_report()
    {
        var descriptor = new ReportStage().Descriptor;
        Assert.Equal("report", descriptor.TypeName);
        Assert.Equal(2, descriptor.Version);
        Assert.Equal(8, descriptor.Inputs.Count);
        Assert.All(descriptor.Inputs, p => Assert.True(p.Optional, p.Name));
        Assert.Equal("report", Assert.Single(descriptor.Outputs).ArtifactType);
    }

    [Fact]
    public void Params_validation_reports_every_problem()
    {
        var errors = new ReportParams { Title = " ", ReferenceLabel = "" }.Validate().Select(e => e.Key).ToList();
        Assert.Equal(["title", "reference_label"], errors);
    }
}
