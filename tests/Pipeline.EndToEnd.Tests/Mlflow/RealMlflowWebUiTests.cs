using System.Text.Json.Nodes;
using Pipeline.TestSupport.Browser;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// The smoke pipeline tracked to a real MLflow server, looked at in MLflow's own web UI in headless Chromium: the
/// runs page's Datasets column names each stage run's input datasets, and a stage run's System metrics tab draws
/// the CPU and memory charts. Screenshots of both views are kept for a person to look at.
/// </summary>
public sealed class RealMlflowWebUiTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Where the screenshots are copied so they outlive the test's temp folder.</summary>
    public const string ShotsDirectory = "/tmp/mlflow-ui-shots";

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] ChartedMetrics = ["system/cpu_utilization_percentage", "system/system_memory_usage_megabytes"];

    // The text of a run's row in the runs table, found by the link to the run; the table draws a row's cells in
    // several row elements (pinned and scrolled columns) that share one row-index.
    private const string RowText = """
        id => {
          const link = document.querySelector(`a[href$='/runs/${id}']`);
          const row = link && link.closest('[row-index]');
          if (!row) return null;
          const index = row.getAttribute('row-index');
          return Array.from(document.querySelectorAll(`[role=row][row-index='${index}']`))
            .map(el => el.innerText.replace(/\s+/g, ' ')).join(' | ');
        }
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("e2e-mlflow-ui-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [RealMlflowFact(Chromium = true)]
    public async Task Mlflow_web_ui_shows_each_stage_runs_datasets_and_draws_its_system_metric_charts()
    {
        Assert.True(
            File.Exists(HeadlessChromium.ExecutablePath),
            $"{HeadlessChromium.ExecutablePath} is missing: run scripts/install-chromium.sh (scripts/test.sh and CI do)");
        await using var server = await RealMlflowServer.StartAsync();
        using (var run = Orchestrator.Start(
            _work, Path.Combine(RepoRoot.Path, "pipelines", "smoke.yaml"), "--artifacts", Path.Combine(_work, "artifacts"), "--tracking-uri", server.Uri))
        {
            Assert.True(await run.WaitAsync(TimeSpan.FromMinutes(10)) == 0, run.Stdout + run.Stderr);
        }

        var runs = await server.RunsAsync("smoke");
        var stageRuns = runs.Where(r => r!["tags"]!["pipeline.stage"] is not null).ToList();
        Assert.Equal(7, stageRuns.Count);
        var pretrain = stageRuns.Single(r => (string)r!["tags"]!["pipeline.stage"]! == "pretrain")!;
        var experimentId = await ExperimentIdAsync(server, "smoke");

        var shots = Path.Combine(_work, "ui-shots");
        Directory.CreateDirectory(shots);
        await using var browser = await HeadlessChromium.LaunchAsync();
        await using var page = await browser.NewPageAsync();

        // The runs page: child runs are folded under their parent until the expander beside its name is clicked.
        var parent = runs.Single(r => r!["tags"]!["pipeline.stage"] is null)!;
        // Stage runs carry the parent's source, so the runs table's Source column is filled for them too.
        Assert.All(stageRuns, r => Assert.Equal((string?)parent["tags"]!["mlflow.source.name"], (string?)r!["tags"]!["mlflow.source.name"]));
        Assert.NotNull((string?)parent["tags"]!["mlflow.source.name"]);
        await page.GoToAsync($"{server.Uri}/#/experiments/{experimentId}", WaitUntilNavigation.Networkidle0);
        await WaitForTextAsync(page, (string)parent["name"]!);
        await page.EvaluateFunctionAsync(
            "id => document.querySelector(`a[href$='/runs/${id}']`).closest('[role=gridcell]').querySelector('button').click()",
            (string)parent["run_id"]!);
        await WaitForTextAsync(page, "download.dataset");
        await SaveAsync(page, shots, "runs-page-datasets.png");
        foreach (var stage in stageRuns)
        {
            var name = (string)stage!["name"]!;
            var datasets = stage["inputs"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
            var row = await page.EvaluateFunctionAsync<string?>(RowText, (string)stage["run_id"]!);
            Assert.True(row is not null, $"no row for stage run {name} on the runs page:\n{await PageTextAsync(page)}");
            Assert.True(
                datasets.Count == 0 || datasets.Any(d => row.Contains(d, StringComparison.Ordinal)),
                $"the Datasets column of {name} shows none of {string.Join(", ", datasets)}: {row}");
        }

        Assert.Contains(stageRuns, r => r!["inputs"]!.AsArray().Count > 0);

        // A stage run's System metrics tab: one chart per system/... metric, titled with its key, with the run's line.
        await page.GoToAsync($"{server.Uri}/#/experiments/{experimentId}/runs/{(string)pretrain["run_id"]!}/system-metrics", WaitUntilNavigation.Networkidle0);
        foreach (var metric in ChartedMetrics)
        {
            await WaitForTextAsync(page, metric);
            await WaitForChartAsync(page, metric);
        }

        await SaveAsync(page, shots, "pretrain-system-metrics.png");
    }

    private static async Task<string> ExperimentIdAsync(RealMlflowServer server, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Uri) };
        var body = await http.GetStringAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + Uri.EscapeDataString(name));
        return (string)JsonNode.Parse(body)!["experiment"]!["experiment_id"]!;
    }

    private static async Task WaitForTextAsync(IPage page, string text)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "t => document.body.innerText.includes(t)",
                new WaitForFunctionOptions { PollingInterval = 250, Timeout = (int)RenderTimeout.TotalMilliseconds },
                text);
        }
        catch (WaitTaskTimeoutException)
        {
            Assert.Fail($"'{text}' did not appear on {page.Url} within {RenderTimeout.TotalSeconds} s; the page shows:\n{await PageTextAsync(page)}");
        }
    }

    // A chart card's text: its title, its axis ticks (or its one value), then the legend naming the run. The legend
    // is drawn only once the data is: "pretrain (system/...)" under a line of several points, "pretrain" under the
    // bar MLflow draws for a single point (a stage shorter than the 5 s sampling interval).
    private static async Task WaitForChartAsync(IPage page, string metric)
    {
        const string script = """
            t => {
              const text = document.body.innerText;
              const at = text.indexOf(t + '\n');
              if (at < 0) return false;
              const rest = text.slice(at + t.length);
              const end = rest.indexOf('\nsystem/');
              const card = (end < 0 ? rest : rest.slice(0, end)) + '\n';
              return /\d/.test(card) && card.split('\n').some(line => line === 'pretrain' || line === 'pretrain (' + t + ')');
            }
            """;
        try
        {
            await page.WaitForFunctionAsync(script, new WaitForFunctionOptions { PollingInterval = 250, Timeout = (int)RenderTimeout.TotalMilliseconds }, metric);
        }
        catch (WaitTaskTimeoutException)
        {
            Assert.Fail($"no chart of {metric} with the pretrain run's data on {page.Url} within {RenderTimeout.TotalSeconds} s; the page shows:\n{await PageTextAsync(page)}");
        }
    }

    private static Task<string> PageTextAsync(IPage page) => page.EvaluateExpressionAsync<string>("document.body.innerText");

    private async Task SaveAsync(IPage page, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        Directory.CreateDirectory(ShotsDirectory);
        var copy = Path.Combine(ShotsDirectory, name);
        File.Copy(path, copy, overwrite: true);
        output.WriteLine($"screenshot: {path} (copy: {copy})");
    }
}
