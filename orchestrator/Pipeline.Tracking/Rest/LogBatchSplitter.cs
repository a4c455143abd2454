using Pipeline.Tracking.Limits;

namespace Pipeline.Tracking.Rest;

/// <summary>Splits any amount of metrics, params and tags into log-batch requests within MLflow's per-call limits.</summary>
internal static class LogBatchSplitter
{
    public static IEnumerable<LogBatchRequest> Split(
        string runId, IReadOnlyList<MlflowMetric> metrics, IReadOnlyList<MlflowKeyValue> parameters, IReadOnlyList<MlflowKeyValue> tags)
    {
        int m = 0, p = 0, t = 0;
        while (m < metrics.Count || p < parameters.Count || t < tags.Count)
        {
            var paramCount = Math.Min(MlflowLimits.MaxParamsPerBatch, parameters.Count - p);
            var tagCount = Math.Min(MlflowLimits.MaxTagsPerBatch, tags.Count - t);
            var room = Math.Min(MlflowLimits.MaxMetricsPerBatch, MlflowLimits.MaxEntitiesPerBatch - paramCount - tagCount);
            var metricCount = Math.Min(room, metrics.Count - m);
            yield return new LogBatchRequest(
                runId,
                Slice(metrics, m, metricCount),
                Slice(parameters, p, paramCount),
                Slice(tags, t, tagCount));
            m += metricCount;
            p += paramCount;
            t += tagCount;
        }
    }

    private static T[] Slice<T>(IReadOnlyList<T> source, int start, int count)
    {
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = source[start + i];
        }

        return result;
    }
}
