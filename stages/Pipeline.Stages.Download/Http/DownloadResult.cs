namespace Pipeline.Stages.Download.Http;

/// <summary>What a download did: the bytes received in this run, how long it took, and the final file's length.</summary>
public sealed record DownloadResult(long BytesReceived, TimeSpan Elapsed, long Length, double MegabytesPerSecond);
