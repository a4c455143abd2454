using PuppeteerSharp;

namespace Pipeline.TestSupport.Browser;

/// <summary>
/// Debian's Chromium (installed by scripts/install-chromium.sh), launched headless through PuppeteerSharp with a
/// fresh profile. PuppeteerSharp never downloads a browser here: it is always given this executable.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const int Width = 1280;

    public const int Height = 900;

    public static Task<IBrowser> LaunchAsync() =>
        Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Browser = SupportedBrowser.Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--window-size={Width},{Height}",
            ],
            DefaultViewport = new ViewPortOptions { Width = Width, Height = Height, DeviceScaleFactor = 1 },
        });
}
