using System.Net;
using Pipeline.Stages.Report.Tests.Support;

namespace Pipeline.Stages.Report.Tests;

/// <summary>The headline is the margin over the best baseline of this run; the params' reference is shown as a reference only.</summary>
public sealed class ReportHeadlineTests
{
    private static readonly Dictionary<string, double> Summary = new()
    {
        ["test_top1"] = 0.844, ["baseline_test_top1"] = 0.814, ["pixel_test_top1"] = 0.825,
        ["knn_top1"] = 0.834, ["baseline_knn_top1"] = 0.805, ["pixel_knn_top1"] = 0.780,
    };

    [Fact]
    public async Task Html_and_markdown_headlines_give_the_margin_over_the_best_baseline_per_probe()
    {
        using var fixture = new ReportFixture();
        fixture.WriteSummary(Summary);
        await ReportRunner.RunAsync(fixture, new ReportParams { ReferenceTop1 = 0.546, ReferenceLabel = "lightly, 30 epochs" });

        const string verdict = "Linear probe: +1.90 pp over the best baseline (raw pixels). Weighted k-NN: +2.90 pp over the best baseline (random-init).";
        var html = WebUtility.HtmlDecode(await File.ReadAllTextAsync(fixture.HtmlPath));
        var md = await File.ReadAllTextAsync(fixture.MarkdownPath);
        var header = html[..html.IndexOf("<nav>", StringComparison.Ordinal)];
        Assert.Contains($"<p class=\"verdict\">{verdict}</p>", header, StringComparison.Ordinal);
        Assert.Contains($"**{verdict}**", md.Split("\n## ")[0], StringComparison.Ordinal);
        Assert.Contains("+1.90 pp (raw pixels)", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"value ours\">+2.90 pp</div><div class=\"label\">weighted k-NN over the best baseline: ours 83.4%, random-init 80.5%</div>", header, StringComparison.Ordinal);

        // The reference is shown, as a reference, and never subtracted from ours (84.4 - 54.6 = 29.8).
        Assert.Contains("for reference only (another run, not a baseline): lightly, 30 epochs", header, StringComparison.Ordinal);
        Assert.Contains("For reference only (another run, not a baseline): lightly, 30 epochs: 54.6%.", md, StringComparison.Ordinal);
        Assert.DoesNotContain("29.8", html, StringComparison.Ordinal);
        Assert.DoesNotContain("29.8", md, StringComparison.Ordinal);
        Assert.DoesNotContain("minus reference", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_baselines_there_is_no_margin_and_the_report_says_why()
    {
        using var fixture = new ReportFixture();
        fixture.WriteSummary(new Dictionary<string, double> { ["test_top1"] = 0.612 });
        await ReportRunner.RunAsync(fixture);

        var html = WebUtility.HtmlDecode(await File.ReadAllTextAsync(fixture.HtmlPath));
        Assert.DoesNotContain("over the best baseline", html, StringComparison.Ordinal);
        Assert.Contains("no margin over a baseline for the linear probe", html, StringComparison.Ordinal);
        Assert.Contains("61.2%", html, StringComparison.Ordinal);
    }
}
