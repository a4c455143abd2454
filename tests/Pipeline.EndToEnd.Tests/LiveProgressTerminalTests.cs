using System.Diagnostics;
using Pipeline.TestSupport.Http;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// The live progress display in a real terminal (tmux): with <c>--jobs 2</c>, two downloads progress at once, each
/// on its own row, read back with <c>tmux capture-pane</c>.
/// </summary>
public sealed class LiveProgressTerminalTests : IClassFixture<SyntheticArchiveFixture>, IDisposable
{
    private readonly SyntheticArchiveFixture _archive;
    private readonly string _work = Directory.CreateTempSubdirectory("e2e-tmux-").FullName;
    private readonly string _session = "pipeline-e2e-" + Guid.NewGuid().ToString("N")[..8];

    public LiveProgressTerminalTests(SyntheticArchiveFixture archive) => _archive = archive;

    public void Dispose()
    {
        Tmux("kill-session", "-t", _session);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task With_two_jobs_two_running_stages_progress_on_their_own_rows()
    {
        Assert.True(File.Exists("/usr/bin/tmux"), "/usr/bin/tmux is missing: run scripts/install-tmux.sh (CI does)");
        await using var server = new FaultInjectingHttpServer(_archive.Bytes) { BytesPerSecond = 150_000 };
        var pipeline = Path.Combine(_work, "two.yaml");
        await File.WriteAllTextAsync(pipeline, $"""
            name: two-downloads
            stages:
              first:
                uses: download-stl10
                params: {"{"} url: "{server.Url}", md5: {_archive.Digest.Md5}, subset: {"{"} train: 10 {"}"} {"}"}
              second:
                uses: download-stl10
                params: {"{"} url: "{server.Url}", md5: {_archive.Digest.Md5}, subset: {"{"} train: 20 {"}"} {"}"}
            """);
        var dll = Path.Combine(AppContext.BaseDirectory, "Pipeline.Orchestrator.dll");
        var command = $"cd '{_work}' && env -u CI dotnet '{dll}' '{pipeline}' --jobs 2 --no-tracking --artifacts artifacts; sleep 120";
        Assert.Equal(0, Tmux("new-session", "-d", "-s", _session, "-x", "150", "-y", "30", command).Code);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var screen = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            screen = Tmux("capture-pane", "-p", "-t", _session).Output;
            var rows = screen.Split('\n').Where(l => l.Contains("download ", StringComparison.Ordinal) && l.Contains('%', StringComparison.Ordinal)).ToList();
            if (rows.Any(r => r.Contains("[first]", StringComparison.Ordinal)) && rows.Any(r => r.Contains("[second]", StringComparison.Ordinal)))
            {
                // Two live rows at once, each with its own bar and percentage; no plain progress lines above them.
                Assert.Equal(2, rows.Count);
                Assert.DoesNotContain("[00:", screen, StringComparison.Ordinal);
                return;
            }

            await Task.Delay(200); // polling the screen, not ordering events
        }

        Assert.Fail("never saw both stages on their own progress rows; last screen:\n" + screen);
    }

    private static (int Code, string Output) Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
