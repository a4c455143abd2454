using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pipeline.TestSupport.Browser;

/// <summary>
/// Launches headless Chromium with a fresh profile and remote debugging on a port it picks, reads that port from
/// DevToolsActivePort, and kills the whole process tree and deletes the profile on dispose.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, int port)
    {
        _process = process;
        _profile = profile;
        Port = port;
    }

    public int Port { get; }

    public static async Task<HeadlessChromium> LaunchAsync(CancellationToken cancellationToken)
    {
        var profile = Path.Combine(Path.GetTempPath(), $"report-chromium-{Guid.NewGuid():N}");
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1280,900",
            $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        // Chromium is chatty on stderr; drain both pipes so it never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"chromium exited with code {process.ExitCode} before it opened DevTools");
                }

                if (File.Exists(portFile) && File.ReadAllLines(portFile) is [var first, ..] && int.TryParse(first, out var port) && port > 0)
                {
                    return new HeadlessChromium(process, profile, port);
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch
        {
            Kill(process, profile);
            throw;
        }
    }

    /// <summary>The WebSocket URL of the first page target.</summary>
    public async Task<Uri> PageWebSocketAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/") };
        while (true)
        {
            var targets = await http.GetFromJsonAsync<JsonElement>("json/list", cancellationToken);
            foreach (var target in targets.EnumerateArray())
            {
                if (target.GetProperty("type").GetString() == "page" && target.TryGetProperty("webSocketDebuggerUrl", out var url))
                {
                    return new Uri(url.GetString()!);
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill(_process, _profile);
        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process, string profile)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A straggling child may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}
