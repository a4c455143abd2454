using System.Globalization;
using System.Text.Json;
using Pipeline.TestSupport.Browser;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// The whole smoke pipeline as a user runs it: the synthetic classes are learnable, so the linear probe on the
/// pre-trained encoder beats chance (10%) by a wide margin, DuckDB reads every Parquet output and agrees with the
/// summary, and the report opens in a real browser with every
/// image loaded, the 3-D view drawn and no console errors.
/// </summary>
public sealed class SmokePipelineTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-smoke-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Smoke_linear_probe_beats_chance_widely_its_parquet_reads_in_duckdb_and_its_report_renders_in_chromium()
    {
        Assert.True(
            File.Exists(HeadlessChromium.ExecutablePath),
            $"{HeadlessChromium.ExecutablePath} is missing: run scripts/install-chromium.sh (scripts/test.sh and CI do)");
        var smoke = Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml");
        using var run = await Orchestrator.RunAsync(_work, smoke, "--artifacts", "artifacts", "--no-tracking");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        var summary = Directory.GetFiles(Path.Combine(_work, "artifacts", "cache"), "summary.json", SearchOption.AllDirectories).Single();
        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        var top1 = json.RootElement.GetProperty("test_top1").GetDouble();
        var knn = json.RootElement.GetProperty("knn_top1").GetDouble();
        Assert.True(top1 >= 0.35, $"linear probe test_top1 {top1.ToString(CultureInfo.InvariantCulture)} is not far above chance (0.10)");
        Assert.True(knn >= 0.30, $"knn_top1 {knn.ToString(CultureInfo.InvariantCulture)} is not far above chance (0.10)");
        Assert.True(json.RootElement.TryGetProperty("baseline_test_top1", out _), "the random-init baseline is missing");
        await SmokeParquetChecks.AssertReadableByDuckDbAsync(Path.Combine(_work, "artifacts", "cache"), top1);

        var html = Directory.GetFiles(Path.Combine(_work, "artifacts", "cache"), "report.html", SearchOption.AllDirectories).Single();
        var text = await File.ReadAllTextAsync(html);
        Assert.DoesNotContain("src=\"http", text, StringComparison.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var page = await ReportPage.OpenAsync(html, Path.Combine(AppContext.BaseDirectory, "smoke-report"), timeout.Token);
        Assert.True(page.Images >= 4, $"expected the previews, confusion matrix and t-SNE figures: {page.Checks}");
        Assert.Empty(page.BrokenImages);
        Assert.True(page.FrameReady, "the 3-D view did not load");
        Assert.True(page.ChangedPixels > 100, $"the 3-D view is blank: {page.Checks}");
        Assert.Empty(page.ConsoleErrors);
    }
}
