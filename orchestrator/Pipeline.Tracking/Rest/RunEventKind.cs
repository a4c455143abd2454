namespace Pipeline.Tracking.Rest;

/// <summary>What a queued run event carries.</summary>
internal enum RunEventKind
{
    Metric,
    Param,
    Tag,
    Flush,
}
