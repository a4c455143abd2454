using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Tracking.Tests.Fakes;

/// <summary>The server's REST endpoints: each takes the request's JSON and returns the status and body MLflow would.</summary>
internal sealed partial class FakeMlflowServer
{
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
