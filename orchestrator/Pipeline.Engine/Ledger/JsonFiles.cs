using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Ledger;

/// <summary>Reads and atomically writes the engine's JSON records (snake_case, indented).</summary>
public static class JsonFiles
{
    /// <summary>The options used for ledger and state files.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads <paramref name="path"/>, or null when missing or unreadable.</summary>
    public static T? TryRead<T>(string path)
        where T : class
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="value"/> atomically.</summary>
    public static void Write<T>(string path, T value) =>
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(value, Options));
}
