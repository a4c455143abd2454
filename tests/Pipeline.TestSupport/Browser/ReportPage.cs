using System.Text.Json;

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
/// Opens a report.html in headless Chromium (driven over the DevTools protocol) and checks what only a browser can:
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

    /// <summary>Loads <paramref name="htmlPath"/>, waits for the 3-D view to draw, checks and screenshots it.</summary>
    public static async Task<ReportPageResult> OpenAsync(string htmlPath, string screenshotDirectory, CancellationToken token)
    {
        Directory.CreateDirectory(screenshotDirectory);
        await using var browser = await HeadlessChromium.LaunchAsync(token);
        await using var page = await DevToolsSession.ConnectAsync(await browser.PageWebSocketAsync(token), token);
        await page.SendAsync("Runtime.enable", null, token);
        await page.SendAsync("Log.enable", null, token);
        await page.SendAsync("Page.enable", null, token);
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width = 1280, height = 900, deviceScaleFactor = 1, mobile = false }, token);
        await page.SendAsync("Page.navigate", new { url = new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri }, token);
        await page.WaitForEventAsync("Page.loadEventFired", token);

        var result = await EvaluateAsync(page, token);
        for (var attempt = 0; attempt < 50 && (!result.GetProperty("frameReady").GetBoolean() || result.GetProperty("changedPixels").GetInt32() == 0); attempt++)
        {
            await Task.Delay(100, token);
            result = await EvaluateAsync(page, token);
        }

        await SaveScreenshotsAsync(page, result, screenshotDirectory, token);
        return new ReportPageResult(result.Clone(), ConsoleErrors(page));
    }

    private static async Task<JsonElement> EvaluateAsync(DevToolsSession page, CancellationToken token)
    {
        var reply = await page.SendAsync("Runtime.evaluate", new { expression = Checks, returnByValue = true }, token);
        if (reply.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"the in-page checks threw: {exception.GetRawText()}");
        }

        return reply.GetProperty("result").GetProperty("value");
    }

    private static List<string> ConsoleErrors(DevToolsSession page) =>
        page.Events.Select(e => e.Method switch
        {
            "Runtime.consoleAPICalled" when e.Params.GetProperty("type").GetString() is "error" or "assert" => $"console.{e.Params.GetProperty("type").GetString()}: {e.Params.GetProperty("args").GetRawText()}",
            "Runtime.exceptionThrown" => $"exception: {e.Params.GetProperty("exceptionDetails").GetRawText()}",
            "Log.entryAdded" when e.Params.GetProperty("entry").GetProperty("level").GetString() == "error" => $"log: {e.Params.GetProperty("entry").GetRawText()}",
            _ => null,
        }).OfType<string>().ToList();

    private static async Task SaveScreenshotsAsync(DevToolsSession page, JsonElement checks, string directory, CancellationToken token)
    {
        var metrics = await page.SendAsync("Page.getLayoutMetrics", null, token);
        var size = metrics.GetProperty("cssContentSize");
        var full = await page.SendAsync(
            "Page.captureScreenshot",
            new { format = "png", captureBeyondViewport = true, clip = new { x = 0, y = 0, width = size.GetProperty("width").GetDouble(), height = size.GetProperty("height").GetDouble(), scale = 1 } },
            token);
        await File.WriteAllBytesAsync(Path.Combine(directory, "report-screenshot.png"), Convert.FromBase64String(full.GetProperty("data").GetString()!), token);
        var top = await page.SendAsync("Page.captureScreenshot", new { format = "png" }, token);
        await File.WriteAllBytesAsync(Path.Combine(directory, "report-top.png"), Convert.FromBase64String(top.GetProperty("data").GetString()!), token);
        if (checks.GetProperty("frameHeight").GetDouble() > 0)
        {
            var frame = await page.SendAsync(
                "Page.captureScreenshot",
                new { format = "png", captureBeyondViewport = true, clip = new { x = 0, y = checks.GetProperty("frameTop").GetDouble() - 60, width = 1280, height = checks.GetProperty("frameHeight").GetDouble() + 120, scale = 1 } },
                token);
            await File.WriteAllBytesAsync(Path.Combine(directory, "report-3d-view.png"), Convert.FromBase64String(frame.GetProperty("data").GetString()!), token);
        }
    }
}
