using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.Spool;

/// <summary>
/// Remembers which metric points a run already has on the server (from metrics/get-history, fetched once per
/// key) so a replay never logs the same (key, step, timestamp, value) twice.
/// </summary>
internal sealed class MetricDeduplicator
{
    private readonly MlflowRestClient _client;
    private readonly Dictionary<(string RunId, string Key), HashSet<MetricPoint>> _known = [];

    public MetricDeduplicator(MlflowRestClient client) => _client = client;

    public async Task<List<MlflowMetric>> NewOnlyAsync(string runId, IReadOnlyList<MlflowMetric> metrics, CancellationToken ct)
    {
        var fresh = new List<MlflowMetric>();
        foreach (var metric in metrics)
        {
            if (!_known.TryGetValue((runId, metric.Key), out var known))
            {
                var history = await _client.GetMetricHistoryAsync(runId, metric.Key, ct).ConfigureAwait(false);
                known = [.. history.Select(ToPoint)];
                _known[(runId, metric.Key)] = known;
            }

            if (known.Add(ToPoint(metric)))
            {
                fresh.Add(metric);
            }
        }

        return fresh;
    }

    private static MetricPoint ToPoint(MlflowMetric m) => new(m.Key, m.Value, m.Timestamp, m.Step);
}
