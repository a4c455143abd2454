using System.Globalization;
using Pipeline.Stages.Report.Tests.Support;

namespace Pipeline.Stages.Report.Tests;

/// <summary>
/// The report is a function of its declared inputs and params only: the same inputs under another run, stage id,
/// output folder and number culture give the same bytes in every output file.
/// </summary>
public sealed class ReportDeterminismTests
{
    [Fact]
    public async Task Two_runs_on_the_same_inputs_write_byte_identical_outputs()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        var first = Path.Combine(fixture.Root, "first");
        var second = Path.Combine(fixture.Root, "second");
        var firstReport = Path.Combine(first, ReportStage.OutputName);
        var secondReport = Path.Combine(second, ReportStage.OutputName);

        await ReportRunner.RunAsync(fixture, runId: "20260101-120000-aaaaaa", stageId: "report", outputDirectory: first);
        using (CommaDecimalCulture())
        {
            await ReportRunner.RunAsync(fixture, runId: "20260202-130000-bbbbbb", stageId: "final-report", outputDirectory: second);
        }

        var firstFiles = Files(firstReport);
        Assert.True(firstFiles.Count >= 10, $"expected report.html, report.md and the figures: {string.Join(", ", firstFiles)}");
        Assert.Equal(firstFiles, Files(secondReport));
        foreach (var file in firstFiles)
        {
            var a = await File.ReadAllBytesAsync(Path.Combine(firstReport, file));
            var b = await File.ReadAllBytesAsync(Path.Combine(secondReport, file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between two runs on the same inputs");
        }
    }

    [Fact]
    public async Task The_report_names_no_run_stage_or_folder_and_says_where_run_status_lives()
    {
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture, runId: "20260101-120000-abc123", stageId: "my-report-stage");

        foreach (var path in new[] { fixture.HtmlPath, fixture.MarkdownPath })
        {
            var text = System.Net.WebUtility.HtmlDecode(await File.ReadAllTextAsync(path));
            Assert.DoesNotContain("20260101-120000-abc123", text, StringComparison.Ordinal);
            Assert.DoesNotContain("my-report-stage", text, StringComparison.Ordinal);
            Assert.DoesNotContain(fixture.Root, text, StringComparison.Ordinal);
            Assert.DoesNotContain("working directory", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Generated", text, StringComparison.Ordinal);
            Assert.Contains("dotnet run --project orchestrator -- status", text, StringComparison.Ordinal);
            Assert.Contains("MLflow", text, StringComparison.Ordinal);
        }
    }

    private static List<string> Files(string report) =>
        Directory.EnumerateFiles(report, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(report, f))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A culture that writes 0.5 as "0,5", so number formatting that forgets the invariant culture shows.</summary>
    private static CultureScope CommaDecimalCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.PercentDecimalSeparator = ",";
        return new CultureScope(culture);
    }
}
