namespace Pipeline.TestSupport.Http;

/// <summary>One request <see cref="FaultInjectingHttpServer"/> received and the status it answered.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Range, string? IfRange, int StatusCode)
{
    /// <summary>The first byte asked for by a <c>Range: bytes=N-</c> header, or null without one.</summary>
    public long? RangeStart =>
        Range is { } r && r.StartsWith("bytes=", StringComparison.Ordinal) && long.TryParse(r.AsSpan(6, r.IndexOf('-', StringComparison.Ordinal) - 6), out var start)
            ? start
            : null;
}
