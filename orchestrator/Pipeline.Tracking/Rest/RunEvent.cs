namespace Pipeline.Tracking.Rest;

/// <summary>One item on a run's send queue: a metric, param, tag, or a flush marker completed when reached.</summary>
internal readonly record struct RunEvent(RunEventKind Kind, MlflowMetric? Metric, MlflowKeyValue? Entry, TaskCompletionSource? Done)
{
    public static RunEvent ForMetric(MlflowMetric metric) => new(RunEventKind.Metric, metric, null, null);

    public static RunEvent ForParam(MlflowKeyValue param) => new(RunEventKind.Param, null, param, null);

    public static RunEvent ForTag(MlflowKeyValue tag) => new(RunEventKind.Tag, null, tag, null);

    public static RunEvent ForFlush(TaskCompletionSource done) => new(RunEventKind.Flush, null, null, done);
}
