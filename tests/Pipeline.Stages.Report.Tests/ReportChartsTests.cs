using System.Text.RegularExpressions;
using Pipeline.Stages.Report.Tests.Support;

namespace Pipeline.Stages.Report.Tests;

/// <summary>The charts are ScottPlot SVG, inline in report.html and as files beside report.md.</summary>
public sealed class ReportChartsTests
{
    private const string PerClassTitle = "Per-class test accuracy (linear probe), by encoder";

    [Fact]
    public async Task Per_class_accuracy_is_grouped_by_class_with_one_colour_per_encoder_and_a_legend()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture);

        var chart = SvgChecks.Chart(await File.ReadAllTextAsync(fixture.HtmlPath), PerClassTitle);
        var texts = SvgChecks.Texts(chart);

        // Each class is named once (one group of bars), not once per encoder.
        Assert.All(ReportFixture.ClassNames, name => Assert.Single(texts, t => t == name));
        Assert.Equal(["pre-trained", "random-init", "raw pixels"], texts.Where(t => t is "pre-trained" or "random-init" or "raw pixels"));

        // One colour per encoder: a bar per class plus the legend's swatch.
        foreach (var colour in new[] { "#0072B2", "#E69F00", "#009E73" })
        {
            Assert.Equal(ReportFixture.ClassNames.Length + 1, SvgChecks.Fills(chart, colour));
        }
    }

    [Fact]
    public async Task Per_class_table_has_a_row_per_class_and_a_column_per_encoder()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture);

        var md = await File.ReadAllTextAsync(fixture.MarkdownPath);
        Assert.Contains("| class | pre-trained | random-init | raw pixels |", md, StringComparison.Ordinal);
        Assert.Contains("| airplane | 71.0% | 31.0% | 41.0% |", md, StringComparison.Ordinal);
        Assert.Contains("| car | 65.0% | 30.0% | 33.0% |", md, StringComparison.Ordinal);
        Assert.Contains("![Per-class test accuracy (linear probe), by encoder](figures/eval-per-class.svg)", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inline_charts_have_unique_ids_and_standalone_files_are_svg_documents()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        var ids = Regex.Matches(html, "\\bid=\"(?<id>[^\"]+)\"").Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        foreach (var reference in Regex.Matches(html, "url\\(#(?<id>[^)]+)\\)").Select(m => m.Groups["id"].Value))
        {
            Assert.Contains(reference, ids);
        }

        var figures = Directory.GetFiles(Path.Combine(fixture.ReportDirectory, "figures"), "*.svg");
        Assert.Contains(Path.Combine(fixture.ReportDirectory, "figures", "eval-per-class.svg"), figures);
        Assert.All(figures, path =>
        {
            var svg = File.ReadAllText(path);
            Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
            Assert.Contains("<svg xmlns=", svg, StringComparison.Ordinal);
            Assert.EndsWith("</svg>", svg.TrimEnd(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Summary_metrics_and_the_raw_per_class_table_are_collapsed()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture);

        var html = await File.ReadAllTextAsync(fixture.HtmlPath);
        var details = Regex.Matches(html, "<details><summary>(?<summary>[^<]*)</summary>(?<body>.*?)</details>", RegexOptions.Singleline);
        var summaries = details.Select(d => d.Groups["summary"].Value).ToList();
        Assert.Contains("All summary metrics (6, from summary.json)", summaries);
        Assert.Contains("Per-class table as in metrics.parquet (9 rows)", summaries);
        Assert.Contains("probe_epochs", details.Single(d => d.Groups["summary"].Value.StartsWith("All summary", StringComparison.Ordinal)).Groups["body"].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<details open", html, StringComparison.Ordinal);
        var md = await File.ReadAllTextAsync(fixture.MarkdownPath);
        Assert.Contains("<details><summary>All summary metrics (6, from summary.json)</summary>", md, StringComparison.Ordinal);
    }
}
