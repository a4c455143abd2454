using System.ComponentModel.DataAnnotations;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Sources;

namespace Pipeline.Stages.Download;

/// <summary>Params of <c>download-stl10</c>: where the archive comes from, how to verify it, and an optional subset.</summary>
public sealed class DownloadStl10Params : IValidatableParams
{
    /// <summary>The official archive.</summary>
    public const string DefaultUrl = "http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz";

    /// <summary>The MD5 of the official archive, used when <see cref="Url"/> is the default and no checksum is given.</summary>
    public const string DefaultMd5 = "91f7769df0f17e558f3565bffb0c7dfb";

    /// <summary>An http(s) or file URL, a local path, or <c>synthetic:</c> (generate a synthetic dataset offline).</summary>
    public string Url { get; init; } = DefaultUrl;

    /// <summary>Expected MD5 of the archive (32 hex digits).</summary>
    public string? Md5 { get; init; }

    /// <summary>Expected SHA-256 of the archive (64 hex digits).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Keep only part of each split; for <c>synthetic:</c> the counts to generate (default 1000/500/500).</summary>
    public SubsetParams? Subset { get; init; }

    /// <summary>Seconds to wait for a response or for the next bytes of the body before the attempt is retried.</summary>
    [Range(1, 86_400)]
    [Operational]
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>
    /// Retries in a row after transient failures (connection reset, timeout, 5xx, 429) that made no progress; each
    /// resumes where the last stopped, and a failure after progress is always retried and resets this count.
    /// </summary>
    [Range(0, 100)]
    [Operational]
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first retry delay in seconds; later ones without progress double, with jitter, up to 60 s (a server's Retry-After wins); progress resets it.</summary>
    [Range(0.0, 600.0)]
    [Operational]
    public double RetryDelaySeconds { get; init; } = 2.0;

    /// <summary>The MD5 to check: <see cref="Md5"/>, or the official one when the URL is the default and no checksum is given.</summary>
    public string? ExpectedMd5() =>
        Md5?.ToLowerInvariant() ?? (Url == DefaultUrl && Sha256 is null ? DefaultMd5 : null);

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (!ArchiveSource.TryParse(Url, out _, out var urlError))
        {
            yield return new ParamError("url", urlError);
        }

        if (Md5 is not null && !IsHex(Md5, 32))
        {
            yield return new ParamError("md5", $"'{Md5}' is not an MD5: expected 32 hex digits");
        }

        if (Sha256 is not null && !IsHex(Sha256, 64))
        {
            yield return new ParamError("sha256", $"'{Sha256}' is not a SHA-256: expected 64 hex digits");
        }

        foreach (var (key, value) in new[] { ("unlabeled", Subset?.Unlabeled), ("train", Subset?.Train), ("test", Subset?.Test) })
        {
            if (value < 0)
            {
                yield return new ParamError($"subset.{key}", $"must be 0 or more, got {value}");
            }
        }
    }

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);
}
