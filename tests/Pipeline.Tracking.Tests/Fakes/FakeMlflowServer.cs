using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

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
}
