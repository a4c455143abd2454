using System.Text.Json;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Caching;

/// <summary>
/// The last file written into a cache entry: what the entry holds and how it was made. An entry without a
/// valid manifest is not an entry.
/// </summary>
public sealed record Manifest(
    int Format,
    string Key,
    string StageType,
    int StageVersion,
    string StageId,
    string RunId,
    DateTimeOffset CreatedUtc,
    double DurationSeconds,
    IReadOnlyDictionary<string, ManifestOutput> Outputs,
    IReadOnlyDictionary<string, double> Summary,
    string? TrackingRunId)
{
    /// <summary>The file name inside the entry.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a manifest; null when missing or unreadable.</summary>
    public static Manifest? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the manifest atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, Json));
}
