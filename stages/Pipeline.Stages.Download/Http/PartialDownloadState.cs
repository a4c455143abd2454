using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Http;

/// <summary>
/// What is known about a partial download, kept beside it as JSON: which URL it came from (as a hash, so no
/// secret is stored), the validators the server sent (ETag, Last-Modified) and the full length. A resume is only
/// trusted when the server still reports the same validators.
/// </summary>
public sealed record PartialDownloadState(string UrlKey, string? ETag, DateTimeOffset? LastModified, long? TotalLength)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>A state for <paramref name="url"/> that knows nothing yet.</summary>
    public static PartialDownloadState Fresh(Uri url) => new(KeyFor(url), null, null, null);

    /// <summary>The SHA-256 of the URL, so the file never holds a token that was in it.</summary>
    public static string KeyFor(Uri url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri)));

    /// <summary>Reads the state, or null when it is missing or unreadable (then the partial file is not trusted).</summary>
    public static PartialDownloadState? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<PartialDownloadState>(File.ReadAllText(path), JsonOptions) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the state atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Whether the server's validators show a different file than the one the partial bytes came from.</summary>
    public bool ContentChanged(string? etag, DateTimeOffset? lastModified) =>
        (ETag is not null && etag is not null && ETag != etag) ||
        (ETag is null && LastModified is not null && lastModified is not null && LastModified != lastModified);
}
