using Microsoft.Extensions.Logging;

namespace Pipeline.Tracking.Rest;

/// <summary>
/// Sends one log-batch chunk. MLflow params are immutable: when the server rejects a chunk with
/// INVALID_PARAMETER_VALUE, params it already holds with the same value are dropped (an idempotent replay),
/// params it holds with another value are dropped with a warning, and the rest is sent again.
/// </summary>
internal sealed class LogBatchSender
{
    private readonly MlflowRestClient _client;
    private readonly ILogger _logger;

    public LogBatchSender(MlflowRestClient client, ILogger logger)
    {
        _client = client;
        _logger = logger;
    }

    public async Task SendAsync(LogBatchRequest chunk, CancellationToken ct)
    {
        try
        {
            await _client.LogBatchAsync(chunk, ct).ConfigureAwait(false);
        }
        catch (MlflowApiException ex) when (ex.ErrorCode == "INVALID_PARAMETER_VALUE" && chunk.Params.Count > 0)
        {
            var run = await _client.GetRunAsync(chunk.RunId, ct).ConfigureAwait(false);
            var existing = (run?.Data?.Params ?? []).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var remaining = new List<MlflowKeyValue>();
            foreach (var param in chunk.Params)
            {
                if (!existing.TryGetValue(param.Key, out var value))
                {
                    remaining.Add(param);
                }
                else if (!string.Equals(value, param.Value, StringComparison.Ordinal))
                {
                    _logger.LogWarning(
                        "Param '{Key}' of run {RunId} was already logged with another value; MLflow params are immutable, keeping the first value.",
                        param.Key, chunk.RunId);
                }
            }

            if (remaining.Count == chunk.Params.Count)
            {
                throw;
            }

            await _client.LogBatchAsync(chunk with { Params = remaining }, ct).ConfigureAwait(false);
        }
    }
}
