using System.Collections.Concurrent;
using System.Text.Json;
using PuppeteerSharp;

namespace Pipeline.TestSupport.Browser;

/// <summary>What a report page looked like in the browser: the in-page checks and the console errors.</summary>
public sealed record ReportPageResult(JsonElement Checks, IReadOnlyList<string> ConsoleErrors)
{
    public int Images => Checks.GetProperty("images").GetInt32();

    public IReadOnlyList<string?> BrokenImages => Checks.GetProperty("broken").EnumerateArray().Select(e => e.GetString()).ToList();

    public bool HasFrame => Checks.GetProperty("hasFrame").GetBoolean();

    public bool FrameReady => Checks.GetProperty("frameReady").GetBoolean();

    public int Canvases => Checks.GetProperty("canvases").GetInt32();

    public int ChangedPixels => Checks.GetProperty("changedPixels").GetInt32();

    public int Svgs => Checks.GetProperty("svgs").GetInt32();
}

/// <summary>
/// Opens a report.html in headless Chromium (driven by PuppeteerSharp) and checks what only a browser can:
/// every image decodes, the embedded 3-D view draws on its canvas, and nothing is logged as an error. Saves
/// screenshots (whole page, top, 3-D view) to a folder.
/// </summary>
public static class ReportPage
{
    private const string Checks = """
        (() => {
          const loaded = img => img.complete && img.naturalWidth > 0;
          const images = Array.from(document.images);
          const frame = document.querySelector('iframe.view3d');
          const doc = frame && frame.contentDocument;
          const result = {
            images: images.length,
            broken: images.filter(i => !loaded(i)).map(i => i.alt),
            hasFrame: !!frame,
            frameReady: !!doc && doc.readyState === 'complete',
            canvases: 0,
            changedPixels: 0,
            svgs: document.querySelectorAll('svg').length,
          };
          if (result.frameReady) {
            for (const canvas of doc.querySelectorAll('canvas')) {
              result.canvases++;
              // Copy through a 2-D canvas so WebGL views can be read the same way.
              const probe = document.createElement('canvas');
              probe.width = canvas.width; probe.height = canvas.height;
              const ctx = probe.getContext('2d');
              ctx.drawImage(canvas, 0, 0);
              const d = ctx.getImageData(0, 0, probe.width, probe.height).data;
              for (let i = 4; i < d.length; i += 4) {
                if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2] || d[i + 3] !== d[3]) result.changedPixels++;
              }
            }
          }
          const rect = frame ? frame.getBoundingClientRect() : null;
          result.frameTop = rect ? rect.top + window.scrollY : 0;
          result.frameHeight = rect ? rect.height : 0;
          return result;
        })()
        """;

    /// <summary>Loads <paramref name="htmlPath"/>, waits (at most 5 s) for the 3-D view to draw, checks and screenshots it.</summary>
    public static async Task<ReportPageResult> OpenAsync(string htmlPath, string screenshotDirectory, CancellationToken token)
    {
        Directory.CreateDirectory(screenshotDirectory);
        await using var browser = await HeadlessChromium.LaunchAsync().WaitAsync(token);
        await using var page = await browser.NewPageAsync().WaitAsync(token);
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Assert)
            {
                errors.Enqueue($"console.{e.Message.Type}: {e.Message.Text} at {e.Message.Location?.URL}:{e.Message.Location?.LineNumber}");
            }
        };
        page.PageError += (_, e) => errors.Enqueue($"exception: {e.Message}");
        page.RequestFailed += (_, e) => errors.Enqueue($"request failed: {e.Request.Url} ({e.Request.FailureText})");

        await page.GoToAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, WaitUntilNavigation.Load).WaitAsync(token);
        try
        {
            await page.WaitForExpressionAsync(
                $"(r => r.frameReady && r.changedPixels > 0)({Checks})",
                new WaitForFunctionOptions { PollingInterval = 100, Timeout = 5000 }).WaitAsync(token);
        }
        catch (WaitTaskTimeoutException)
        {
            // Not drawn within 5 s: the checks below report what the page shows.
        }

        var result = await page.EvaluateExpressionAsync<JsonElement>(Checks).WaitAsync(token);
        await SaveScreenshotsAsync(page, result, screenshotDirectory);
        return new ReportPageResult(result.Clone(), [.. errors]);
    }

    private static async Task SaveScreenshotsAsync(IPage page, JsonElement checks, string directory)
    {
        await page.ScreenshotAsync(Path.Combine(directory, "report-screenshot.png"), new ScreenshotOptions { FullPage = true });
        await page.ScreenshotAsync(Path.Combine(directory, "report-top.png"));
        if (checks.GetProperty("frameHeight").GetDouble() > 0)
        {
            await page.ScreenshotAsync(
                Path.Combine(directory, "report-3d-view.png"),
                new ScreenshotOptions
                {
                    CaptureBeyondViewport = true,
                    Clip = new PuppeteerSharp.Media.Clip
                    {
                        X = 0,
                        Y = (decimal)checks.GetProperty("frameTop").GetDouble() - 60,
                        Width = HeadlessChromium.Width,
                        Height = (decimal)checks.GetProperty("frameHeight").GetDouble() + 120,
                    },
                });
        }
    }
}
