namespace Pipeline.Stages.Download.Http;

/// <summary>How patient <see cref="ResumableHttpDownloader"/> is: the silence allowed per attempt and the retry schedule.</summary>
public sealed record HttpDownloadOptions(TimeSpan Timeout, int MaxRetries, TimeSpan RetryDelay, TimeSpan MaxRetryDelay);
