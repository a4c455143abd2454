using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// A real MLflow tracking server on loopback (sqlite backend, <c>--serve-artifacts</c>), in its own temp folder;
/// optionally with MLflow's basic-auth app (user <c>admin</c>, password <c>password</c>). Runs are read back with
/// MLflow's own Python client.
/// </summary>
internal sealed class RealMlflowServer : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "password";

    private readonly MlflowInstall _install;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private RealMlflowServer(MlflowInstall install, string folder, int port, Process process)
    {
        _install = install;
        Folder = folder;
        Port = port;
        _process = process;
    }

    public string Folder { get; }

    public int Port { get; }

    public string Uri => $"http://127.0.0.1:{Port}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RealMlflowServer> StartAsync(bool basicAuth = false)
    {
        var install = MlflowInstall.Current
            ?? throw new InvalidOperationException($"{RealMlflowFactAttribute.RequireVariable} is set but {MlflowInstall.Missing}");
        var folder = Directory.CreateTempSubdirectory("e2e-mlflow-").FullName;
        var port = FreePort();
        var args = new List<string>
        {
            "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--backend-store-uri", "sqlite:///" + Path.Combine(folder, "mlflow.db"),
            "--serve-artifacts", "--artifacts-destination", Path.Combine(folder, "artifacts"), "--workers", "1",
        };
        if (basicAuth)
        {
            args.AddRange(["--app-name", "basic-auth"]);
        }

        var start = install.Start([.. args]);
        start.WorkingDirectory = folder; // the basic-auth app keeps basic_auth.db in the working directory
        var process = Process.Start(start)!;
        var server = new RealMlflowServer(install, folder, port, process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Every run of <paramref name="experiment"/> as MLflow's Python client sees it (info, params, tags, latest metrics).</summary>
    public async Task<JsonArray> RunsAsync(string experiment)
    {
        const string script = """
            import json, sys
            from mlflow.tracking import MlflowClient
            c = MlflowClient(sys.argv[1])
            e = c.get_experiment_by_name(sys.argv[2])
            runs = [] if e is None else c.search_runs([e.experiment_id], max_results=5000)
            print(json.dumps([{"run_id": r.info.run_id, "name": r.info.run_name, "status": r.info.status,
                "start_time": r.info.start_time, "end_time": r.info.end_time, "params": r.data.params,
                "tags": r.data.tags, "metrics": r.data.metrics,
                "inputs": [{"name": i.dataset.name, "digest": i.dataset.digest, "source_type": i.dataset.source_type,
                    "context": {t.key: t.value for t in i.tags}.get("mlflow.data.context")} for i in r.inputs.dataset_inputs]} for r in runs]))
            """;
        return (JsonArray)JsonNode.Parse(await PythonAsync(script, Uri, experiment))!;
    }

    /// <summary>The (step, value) points of one metric of one run, in the order MLflow returns them.</summary>
    public async Task<List<(long Step, double Value)>> HistoryAsync(string runId, string key)
    {
        const string script = """
            import json, sys
            from mlflow.tracking import MlflowClient
            print(json.dumps([[m.step, m.value] for m in MlflowClient(sys.argv[1]).get_metric_history(sys.argv[2], sys.argv[3])]))
            """;
        var points = (JsonArray)JsonNode.Parse(await PythonAsync(script, Uri, runId, key))!;
        return points.Select(p => ((long)p![0]!, (double)p[1]!)).ToList();
    }

    /// <summary>
    /// The latest step of <paramref name="key"/> in the runs of <paramref name="experiment"/> tagged with stage
    /// <paramref name="stage"/> (straight from the REST API: cheap enough to poll), or null while there is none.
    /// </summary>
    public async Task<long?> LatestStepAsync(string experiment, string stage, string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Uri), Timeout = TimeSpan.FromSeconds(30) };
        using var found = await http.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + System.Uri.EscapeDataString(experiment));
        if (!found.IsSuccessStatusCode)
        {
            return null;
        }

        var id = (string)JsonNode.Parse(await found.Content.ReadAsStringAsync())!["experiment"]!["experiment_id"]!;
        var query = new JsonObject { ["experiment_ids"] = new JsonArray(id), ["filter"] = $"tags.`pipeline.stage` = '{stage}'", ["max_results"] = 1000 };
        using var search = await http.PostAsync("/api/2.0/mlflow/runs/search", new StringContent(query.ToJsonString(), Encoding.UTF8, "application/json"));
        search.EnsureSuccessStatusCode();
        var runs = JsonNode.Parse(await search.Content.ReadAsStringAsync())!["runs"]?.AsArray() ?? [];
        var steps = runs.SelectMany(r => r!["data"]!["metrics"]?.AsArray() ?? []).Where(m => (string?)m!["key"] == key).Select(m => (long?)long.Parse(m!["step"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        return steps.Max();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(Uri + "/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening, or not answering, yet.
            }

            // Polling readiness, not ordering events: the server gives no other signal that it listens.
            await Task.Delay(250);
        }

        throw new InvalidOperationException($"MLflow server ({_install.Description}) did not become healthy on {Uri}:\n{Log}");
    }

    private async Task<string> PythonAsync(string script, params string[] args)
    {
        var start = _install.Start(["-c", script, .. args]);
        start.Environment["MLFLOW_TRACKING_USERNAME"] = AdminUser;
        start.Environment["MLFLOW_TRACKING_PASSWORD"] = AdminPassword;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"MLflow's Python client failed ({process.ExitCode}):\n{await stderr}");
    }
}
