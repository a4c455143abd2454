using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Settings;
using Polly;
using Polly.Timeout;

namespace Pipeline.Tracking.Rest;

/// <summary>
/// Thin typed client for MLflow REST API 2.0. Transient failures are retried; when retries run out it throws
/// <see cref="MlflowUnavailableException"/>; error bodies become <see cref="MlflowApiException"/>.
/// </summary>
internal sealed class MlflowRestClient : IDisposable
{
    private const string Api = "api/2.0/mlflow/";
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _oneAttempt;
    private readonly string _server;
    private readonly string _authScheme;

    public MlflowRestClient(TrackingSettings settings, RetryOptions retry, ILogger logger)
    {
        _http = HttpClientFactory.Create(settings, retry);
        _pipeline = RetryPipelineFactory.Create(retry, logger);
        _oneAttempt = RetryPipelineFactory.Create(retry with { MaxRetryAttempts = 0 }, logger);
        _server = UriRedaction.Redact(settings.TrackingUri);
        _authScheme = settings.AuthScheme;
    }

    public async Task<MlflowExperiment?> GetExperimentByNameAsync(string name, CancellationToken ct)
    {
        try
        {
            var response = await SendJsonAsync<GetExperimentResponse>(
                HttpMethod.Get, Api + "experiments/get-by-name?experiment_name=" + Uri.EscapeDataString(name), null, "get experiment", ct).ConfigureAwait(false);
            return response?.Experiment;
        }
        catch (MlflowApiException ex) when (ex.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            return null;
        }
    }

    /// <summary>Get-by-name, else create; a RESOURCE_ALREADY_EXISTS race falls back to get-by-name.</summary>
    public async Task<MlflowExperiment> GetOrCreateExperimentAsync(string name, CancellationToken ct)
    {
        var experiment = await GetExperimentByNameAsync(name, ct).ConfigureAwait(false);
        if (experiment is null)
        {
            try
            {
                var created = await SendJsonAsync<CreateExperimentResponse>(
                    HttpMethod.Post, Api + "experiments/create", new CreateExperimentRequest(name), "create experiment", ct).ConfigureAwait(false);
                return new MlflowExperiment(created!.ExperimentId, name, null, "active");
            }
            catch (MlflowApiException ex) when (ex.ErrorCode == "RESOURCE_ALREADY_EXISTS")
            {
                experiment = await GetExperimentByNameAsync(name, ct).ConfigureAwait(false)
                    ?? throw new TrackingException($"Experiment '{name}' was reported as existing but cannot be found on {_server}.");
            }
        }

        if (experiment.LifecycleStage == "deleted")
        {
            throw new TrackingException(
                $"Experiment '{name}' is deleted on {_server}; restore it (mlflow experiments restore) or choose another experiment name.");
        }

        return experiment;
    }

    /// <summary>
    /// One runs/create attempt, never retried here: a retry after a lost reply would create a second run, so
    /// <see cref="IdempotentRunCreator"/> looks for the first one before trying again.
    /// </summary>
    public async Task<MlflowRun> CreateRunOnceAsync(CreateRunRequest request, CancellationToken ct) =>
        (await SendJsonAsync<RunResponse>(HttpMethod.Post, Api + "runs/create", request, "create run", ct, _oneAttempt).ConfigureAwait(false))?.Run
        ?? throw new MlflowUnavailableException($"MLflow server {_server} answered runs/create without a run (a cut reply).");

    public Task UpdateRunAsync(string runId, RunStatus status, long endTime, CancellationToken ct) =>
        SendJsonAsync<JsonElement>(HttpMethod.Post, Api + "runs/update", new UpdateRunRequest(runId, RunStatusNames.ToRest(status), endTime), "update run", ct);

    public Task LogInputsAsync(LogInputsRequest request, CancellationToken ct) =>
        SendJsonAsync<JsonElement>(HttpMethod.Post, Api + "runs/log-inputs", request, "log inputs", ct);

    public Task LogBatchAsync(LogBatchRequest request, CancellationToken ct) =>
        SendJsonAsync<JsonElement>(HttpMethod.Post, Api + "runs/log-batch", request, "log batch", ct);

    public async Task<MlflowRun?> GetRunAsync(string runId, CancellationToken ct)
    {
        try
        {
            return (await SendJsonAsync<RunResponse>(HttpMethod.Get, Api + "runs/get?run_id=" + Uri.EscapeDataString(runId), null, "get run", ct).ConfigureAwait(false))?.Run;
        }
        catch (MlflowApiException ex) when (ex.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<MlflowRun>> SearchRunsAsync(string experimentId, string filter, CancellationToken ct)
    {
        var runs = new List<MlflowRun>();
        string? token = null;
        do
        {
            var page = await SendJsonAsync<SearchRunsResponse>(
                HttpMethod.Post, Api + "runs/search", new SearchRunsRequest([experimentId], filter, 1000, token), "search runs", ct).ConfigureAwait(false);
            runs.AddRange(page?.Runs ?? []);
            token = string.IsNullOrEmpty(page?.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);
        return runs;
    }

    public async Task<IReadOnlyList<MlflowMetric>> GetMetricHistoryAsync(string runId, string key, CancellationToken ct)
    {
        var points = new List<MlflowMetric>();
        string? token = null;
        do
        {
            var path = Api + "metrics/get-history?run_id=" + Uri.EscapeDataString(runId) + "&metric_key=" + Uri.EscapeDataString(key)
                + (token is null ? string.Empty : "&page_token=" + Uri.EscapeDataString(token));
            var page = await SendJsonAsync<MetricHistoryResponse>(HttpMethod.Get, path, null, "get metric history", ct).ConfigureAwait(false);
            points.AddRange(page?.Metrics ?? []);
            token = string.IsNullOrEmpty(page?.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);
        return points;
    }

    public async Task<IReadOnlyList<MlflowFileInfo>> ListArtifactsAsync(string runId, string? path, CancellationToken ct)
    {
        var files = new List<MlflowFileInfo>();
        string? token = null;
        do
        {
            var query = Api + "artifacts/list?run_id=" + Uri.EscapeDataString(runId)
                + (string.IsNullOrEmpty(path) ? string.Empty : "&path=" + Uri.EscapeDataString(path))
                + (token is null ? string.Empty : "&page_token=" + Uri.EscapeDataString(token));
            var page = await SendJsonAsync<ListArtifactsResponse>(HttpMethod.Get, query, null, "list artifacts", ct).ConfigureAwait(false);
            files.AddRange(page?.Files ?? []);
            token = string.IsNullOrEmpty(page?.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);
        return files;
    }

    /// <summary>PUTs one file's bytes, streamed from disk on every attempt, to the artifact proxy.</summary>
    public async Task UploadArtifactAsync(string proxyRunPath, string artifactRelativePath, string localFile, CancellationToken ct)
    {
        var target = "api/2.0/mlflow-artifacts/artifacts/" + EscapePath(proxyRunPath) + "/" + EscapePath(artifactRelativePath);
        await SendAsync(
            () =>
            {
                var stream = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                var content = new StreamContent(stream, 81920);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return new HttpRequestMessage(HttpMethod.Put, target) { Content = content };
            },
            "upload artifact",
            ct).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static string EscapePath(string path) =>
        string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));

    private async Task<T?> SendJsonAsync<T>(
        HttpMethod method, string path, object? body, string what, CancellationToken ct, ResiliencePipeline<HttpResponseMessage>? pipeline = null)
    {
        var payload = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), MlflowJson.Options);
        using var response = await SendAsync(
            () => new HttpRequestMessage(method, path)
            {
                Content = payload is null ? null : new StringContent(payload, Encoding.UTF8, "application/json"),
            },
            what,
            ct,
            pipeline).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text, MlflowJson.Options);
    }

    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> build, string what, CancellationToken ct, ResiliencePipeline<HttpResponseMessage>? pipeline = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await (pipeline ?? _pipeline).ExecuteAsync(
                async token =>
                {
                    using var request = build();
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                },
                ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new MlflowUnavailableException($"MLflow server {_server} unreachable ({what}): {ex.Message}");
        }
        catch (TimeoutRejectedException)
        {
            throw new MlflowUnavailableException($"MLflow server {_server} timed out ({what}).");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            if (TransientFailures.IsTransient(response.StatusCode))
            {
                throw new MlflowUnavailableException($"MLflow server {_server} kept answering {(int)response.StatusCode} ({what}).");
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                // The server's own text is left out: a proxy may echo request headers into it.
                var code = response.StatusCode == HttpStatusCode.Unauthorized ? "UNAUTHENTICATED" : "PERMISSION_DENIED";
                throw new MlflowAuthenticationException(
                    response.StatusCode,
                    $"MLflow server {_server} refused the request ({what}): {(int)response.StatusCode} {code}. {MlflowAuthenticationException.Hint(response.StatusCode, _authScheme)}");
            }

            throw await ToApiExceptionAsync(response, what, ct).ConfigureAwait(false);
        }
    }

    private async Task<MlflowApiException> ToApiExceptionAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        MlflowErrorBody? body = null;
        try
        {
            body = JsonSerializer.Deserialize<MlflowErrorBody>(text, MlflowJson.Options);
        }
        catch (JsonException)
        {
            // Not an MLflow error body (a proxy page, say): report the status alone.
        }

        var code = body?.ErrorCode ?? (response.StatusCode switch
        {
            HttpStatusCode.NotFound => "ENDPOINT_NOT_FOUND",
            _ => "INTERNAL_ERROR",
        });
        var detail = body?.Message ?? response.ReasonPhrase ?? string.Empty;
        return new MlflowApiException(response.StatusCode, code, $"MLflow {what} on {_server} failed: {(int)response.StatusCode} {code}: {detail}");
    }
}
