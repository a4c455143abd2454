using Pipeline.Stages.Report.Tests.Support;
using Pipeline.TestSupport.Browser;

namespace Pipeline.Stages.Report.Tests.Browser;

/// <summary>The report in a real browser: every image loads, the 3-D view draws, and the console has no errors.</summary>
public sealed class ReportInBrowserTests
{
    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "browser-test");

    [Fact]
    public async Task Report_opens_in_chromium_with_every_image_loaded_the_3d_view_drawn_and_no_console_errors()
    {
        Assert.True(
            File.Exists(HeadlessChromium.ExecutablePath),
            $"{HeadlessChromium.ExecutablePath} is missing: run scripts/install-chromium.sh (scripts/test.sh and CI do) to enable the browser test");
        using var fixture = await ReportFixture.CreateFullAsync();
        await ReportRunner.RunAsync(fixture);
        Directory.CreateDirectory(OutputDirectory);
        File.Copy(fixture.HtmlPath, Path.Combine(OutputDirectory, "report.html"), overwrite: true);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var result = await ReportPage.OpenAsync(fixture.HtmlPath, OutputDirectory, timeout.Token);

        Assert.Equal(6, result.Images);
        Assert.Empty(result.BrokenImages);
        Assert.True(result.HasFrame, "the 3-D view's iframe is missing");
        Assert.True(result.FrameReady, "the 3-D view's document did not load");
        Assert.True(result.Canvases >= 1, "the 3-D view has no canvas");
        Assert.True(result.ChangedPixels > 100, $"the 3-D view's canvas is blank: {result.Checks}");
        Assert.True(result.Svgs >= 8, $"expected the inline SVG charts: {result.Checks}");
        Assert.Empty(result.ConsoleErrors);
    }
}
