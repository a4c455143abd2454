using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Pipeline.Tracking.Tests.Fakes;

/// <summary>
/// A loopback MLflow tracking server following REST API 2.0 closely enough for the client: error bodies,
/// param immutability, log-batch limits, artifact proxy PUT/list, and fault modes (stopped, 503 bursts).
/// </summary>
internal sealed partial class FakeMlflowServer : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Name, string Stage)> _experiments = new() { ["0"] = ("Default", "active") };
    private HttpListener? _listener;
    private int _nextExperiment = 1;
    private int _failures;
    private int _lostCreateReplies;

    public FakeMlflowServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public string Uri => $"http://127.0.0.1:{Port}";

    public Dictionary<string, FakeRun> Runs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    public List<string> AuthorizationHeaders { get; } = [];

    public int MaxMetricsInOneBatch { get; private set; }

    public int LogBatchCalls { get; private set; }

    /// <summary>When set, experiments/create creates the experiment then answers RESOURCE_ALREADY_EXISTS, as if a peer won the race.</summary>
    public bool LoseCreateRace { get; set; }

    /// <summary>When set, experiments/create answers 403 PERMISSION_DENIED.</summary>
    public bool DenyCreateExperiment { get; set; }

    /// <summary>When set, a re-sent param with the same value is rejected too (stricter than MLflow), to exercise the client's recovery.</summary>
    public bool RejectSameValueParams { get; set; }

    /// <summary>When set, every request without <c>Authorization: Bearer &lt;RequiredToken&gt;</c> gets 401, as MLflow's auth app answers.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>The next <paramref name="count"/> runs/create calls create the run, then never reply (use a short attempt timeout).</summary>
    public void LoseCreateReplies(int count) => Interlocked.Exchange(ref _lostCreateReplies, count);

    /// <summary>The next <paramref name="count"/> requests get 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public void Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add(Uri + "/");
        _listener.Start();
        var listener = _listener;
        _ = Task.Run(() => AcceptLoopAsync(listener));
    }

    /// <summary>Stops listening: new connections are refused.</summary>
    public void Stop()
    {
        _listener?.Abort();
        _listener = null;
    }

    public int ExperimentCount(string name)
    {
        lock (_gate)
        {
            return _experiments.Count(e => e.Value.Name == name);
        }
    }

    public FakeRun SingleRun(string runName)
    {
        lock (_gate)
        {
            return Runs.Values.Single(r => r.RunName == runName);
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptLoopAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        int status;
        object body;
        try
        {
            (status, body) = await DispatchAsync(context.Request);
        }
        catch (Exception ex)
        {
            (status, body) = (500, Error("INTERNAL_ERROR", ex.Message));
        }

        if (status == 200 && context.Request.Url!.AbsolutePath == "/api/2.0/mlflow/runs/create" && Interlocked.Decrement(ref _lostCreateReplies) >= 0)
        {
            return; // committed, but no reply ever comes: the client's attempt times out (the connection closes on Stop)
        }

        try
        {
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, Json));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The server was stopped mid-response: the client sees a reset connection.
        }
    }

    private async Task<(int, object)> DispatchAsync(HttpListenerRequest request)
    {
        lock (_gate)
        {
            AuthorizationHeaders.Add(request.Headers["Authorization"] ?? string.Empty);
        }

        if (RequiredToken is { } token && request.Headers["Authorization"] != "Bearer " + token)
        {
            return (401, Error("UNAUTHENTICATED", "You are not authenticated. Please see the docs on how to authenticate."));
        }

        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            return (503, Error("TEMPORARILY_UNAVAILABLE", "try again"));
        }

        var path = request.Url!.AbsolutePath;
        const string artifacts = "/api/2.0/mlflow-artifacts/artifacts/";
        if (path.StartsWith(artifacts, StringComparison.Ordinal) && request.HttpMethod == "PUT")
        {
            using var buffer = new MemoryStream();
            await request.InputStream.CopyToAsync(buffer);
            lock (_gate)
            {
                Artifacts[System.Uri.UnescapeDataString(path[artifacts.Length..])] = buffer.ToArray();
            }

            return (200, new { });
        }

        JsonNode? json = null;
        if (request.HasEntityBody)
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            json = JsonNode.Parse(await reader.ReadToEndAsync());
        }

        var query = request.QueryString;
        lock (_gate)
        {
            return (request.HttpMethod, path) switch
            {
                ("GET", "/api/2.0/mlflow/experiments/get-by-name") => GetExperiment(query["experiment_name"]!),
                ("POST", "/api/2.0/mlflow/experiments/create") => CreateExperiment((string)json!["name"]!),
                ("POST", "/api/2.0/mlflow/runs/create") => CreateRun(json!),
                ("POST", "/api/2.0/mlflow/runs/update") => UpdateRun(json!),
                ("POST", "/api/2.0/mlflow/runs/log-batch") => LogBatch(json!),
                ("POST", "/api/2.0/mlflow/runs/log-inputs") => LogInputs(json!),
                ("GET", "/api/2.0/mlflow/runs/get") => Runs.TryGetValue(query["run_id"]!, out var run)
                    ? (200, new { run = RunJson(run) })
                    : (404, Error("RESOURCE_DOES_NOT_EXIST", $"Run '{query["run_id"]}' not found")),
                ("POST", "/api/2.0/mlflow/runs/search") => SearchRuns(json!),
                ("GET", "/api/2.0/mlflow/metrics/get-history") => History(query["run_id"]!, query["metric_key"]!, query["page_token"]),
                ("GET", "/api/2.0/mlflow/artifacts/list") => ListArtifacts(query["run_id"]!, query["path"]),
                _ => (404, Error("ENDPOINT_NOT_FOUND", $"No endpoint {request.HttpMethod} {path}")),
            };
        }
    }

    private static Dictionary<string, string> Error(string code, string message) => new() { ["error_code"] = code, ["message"] = message };

    private (int, object) GetExperiment(string name)
    {
        var match = _experiments.FirstOrDefault(e => e.Value.Name == name);
        return match.Key is null
            ? (404, Error("RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'"))
            : (200, new { experiment = new { experiment_id = match.Key, name, artifact_location = "mlflow-artifacts:/" + match.Key, lifecycle_stage = match.Value.Stage } });
    }

    private (int, object) CreateExperiment(string name)
    {
        if (DenyCreateExperiment)
        {
            return (403, Error("PERMISSION_DENIED", "User cannot create experiments"));
        }

        var exists = _experiments.Any(e => e.Value.Name == name);
        if (!exists)
        {
            var id = (_nextExperiment++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _experiments[id] = (name, "active");
            if (!LoseCreateRace)
            {
                return (200, new { experiment_id = id });
            }
        }

        return (400, Error("RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists."));
    }

    private (int, object) CreateRun(JsonNode json)
    {
        var experimentId = (string)json["experiment_id"]!;
        if (!_experiments.ContainsKey(experimentId))
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", $"No experiment {experimentId}"));
        }

        var run = new FakeRun
        {
            RunId = Guid.NewGuid().ToString("N"),
            ExperimentId = experimentId,
            RunName = (string?)json["run_name"] ?? "run",
            UserId = (string?)json["user_id"],
            StartTime = (long?)json["start_time"] ?? 0,
        };
        foreach (var tag in json["tags"]?.AsArray() ?? [])
        {
            run.Tags[(string)tag!["key"]!] = (string)tag["value"]!;
        }

        Runs[run.RunId] = run;
        return (200, new { run = RunJson(run) });
    }

    private (int, object) UpdateRun(JsonNode json)
    {
        if (!Runs.TryGetValue((string)json["run_id"]!, out var run))
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", "run not found"));
        }

        run.Status = (string)json["status"]!;
        run.EndTime = (long?)json["end_time"];
        return (200, new { run_info = RunJson(run)["info"] });
    }

    private (int, object) LogBatch(JsonNode json)
    {
        LogBatchCalls++;
        if (!Runs.TryGetValue((string)json["run_id"]!, out var run))
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", "run not found"));
        }

        var metrics = json["metrics"]?.AsArray() ?? [];
        var parameters = json["params"]?.AsArray() ?? [];
        var tags = json["tags"]?.AsArray() ?? [];
        if (metrics.Count > 1000 || parameters.Count > 100 || tags.Count > 100 || metrics.Count + parameters.Count + tags.Count > 1000)
        {
            return (400, Error("INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 1000 metrics, 100 params, 100 tags and 1000 entities; got {metrics.Count}, {parameters.Count}, {tags.Count}."));
        }

        var points = new List<MetricPoint>();
        foreach (var m in metrics)
        {
            if (m!["timestamp"] is null)
            {
                return (400, Error("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'metrics[0].timestamp'"));
            }

            var valueNode = m["value"]!;
            var value = valueNode.GetValueKind() == JsonValueKind.String ? double.Parse((string)valueNode!, System.Globalization.CultureInfo.InvariantCulture) : (double)valueNode;
            points.Add(new MetricPoint((string)m["key"]!, value, (long)m["timestamp"]!, (long?)m["step"] ?? 0));
        }

        foreach (var p in parameters)
        {
            var key = (string)p!["key"]!;
            if (run.Params.TryGetValue(key, out var old) && (old != (string)p["value"]! || RejectSameValueParams))
            {
                return (400, Error("INVALID_PARAMETER_VALUE", $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{old}'."));
            }
        }

        MaxMetricsInOneBatch = Math.Max(MaxMetricsInOneBatch, metrics.Count);
        run.Metrics.AddRange(points);
        foreach (var p in parameters)
        {
            run.Params[(string)p!["key"]!] = (string)p["value"]!;
        }

        foreach (var t in tags)
        {
            run.Tags[(string)t!["key"]!] = (string)t["value"]!;
        }

        return (200, new { });
    }

    private (int, object) LogInputs(JsonNode json)
    {
        if (!Runs.TryGetValue((string)json["run_id"]!, out var run))
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", "run not found"));
        }

        foreach (var input in json["datasets"]?.AsArray() ?? [])
        {
            var dataset = input!["dataset"]!;
            var digest = (string)dataset["digest"]!;
            if (digest.Length > 36)
            {
                return (400, Error("INVALID_PARAMETER_VALUE", $"Dataset digest '{digest}' exceeds the maximum length of 36 characters."));
            }

            var context = input["tags"]?.AsArray().FirstOrDefault(t => (string?)t!["key"] == "mlflow.data.context")?["value"];
            run.Inputs.Add(((string)dataset["name"]!, digest, (string)dataset["source_type"]!, (string?)context));
        }

        return (200, new { });
    }

    private (int, object) SearchRuns(JsonNode json)
    {
        var ids = json["experiment_ids"]!.AsArray().Select(n => (string)n!).ToHashSet();
        var filter = FilterPattern().Match((string?)json["filter"] ?? string.Empty);
        if (!filter.Success)
        {
            return (400, Error("INVALID_PARAMETER_VALUE", "Unsupported filter"));
        }

        var key = filter.Groups["key"].Value;
        var value = filter.Groups["value"].Value;
        var matches = Runs.Values.Where(r => ids.Contains(r.ExperimentId) && r.Tags.GetValueOrDefault(key) == value).OrderBy(r => r.RunId).ToList();
        var start = int.Parse((string?)json["page_token"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        const int page = 2;
        var next = start + page < matches.Count ? (start + page).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return (200, new { runs = matches.Skip(start).Take(page).Select(RunJson).ToList(), next_page_token = next });
    }

    private (int, object) History(string runId, string key, string? token)
    {
        if (!Runs.TryGetValue(runId, out var run))
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", "run not found"));
        }

        var all = run.Metrics.Where(m => m.Key == key).ToList();
        var start = int.Parse(token ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        const int page = 100;
        var next = start + page < all.Count ? (start + page).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return (200, new { metrics = all.Skip(start).Take(page).Select(MetricJson).ToList(), next_page_token = next });
    }

    private (int, object) ListArtifacts(string runId, string? path)
    {
        if (!Runs.TryGetValue(runId, out var run))
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", "run not found"));
        }

        var prefix = run.ArtifactRoot + "/" + (string.IsNullOrEmpty(path) ? string.Empty : path.Trim('/') + "/");
        var children = Artifacts.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(a => (Tail: a.Key[prefix.Length..], Size: a.Value.Length))
            .GroupBy(a => a.Tail.Split('/')[0])
            .Select(g => g.Any(a => a.Tail.Contains('/'))
                ? new { path = (prefix + g.Key)[(run.ArtifactRoot.Length + 1)..], is_dir = true, file_size = (long?)null }
                : new { path = (prefix + g.Key)[(run.ArtifactRoot.Length + 1)..], is_dir = false, file_size = (long?)g.First().Size })
            .ToList();
        return (200, new { root_uri = "mlflow-artifacts:/" + run.ArtifactRoot, files = children });
    }

    private static object MetricJson(MetricPoint m) => new { key = m.Key, value = m.Value, timestamp = m.TimestampMs, step = m.Step };

    private static Dictionary<string, object?> RunJson(FakeRun run) => new()
    {
        ["info"] = new Dictionary<string, object?>
        {
            ["run_id"] = run.RunId,
            ["run_uuid"] = run.RunId,
            ["run_name"] = run.RunName,
            ["experiment_id"] = run.ExperimentId,
            ["user_id"] = run.UserId,
            ["status"] = run.Status,
            ["start_time"] = run.StartTime,
            ["end_time"] = run.EndTime,
            ["artifact_uri"] = "mlflow-artifacts:/" + run.ArtifactRoot,
            ["lifecycle_stage"] = "active",
        },
        ["data"] = new
        {
            metrics = run.Metrics.GroupBy(m => m.Key).Select(g => MetricJson(g.MaxBy(m => (m.Step, m.TimestampMs)))).ToList(),
            @params = run.Params.Select(p => new { key = p.Key, value = p.Value }).ToList(),
            tags = run.Tags.Select(t => new { key = t.Key, value = t.Value }).ToList(),
        },
    };

    [GeneratedRegex("^tags\\.`(?<key>[^`]+)` = ['\"](?<value>.*)['\"]$")]
    private static partial Regex FilterPattern();
}
