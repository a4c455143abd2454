using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Engine.Execution;

/// <summary>
/// One report from a running stage (metric, summary, param, artifact, progress or log), also the line protocol
/// between a stage process and the orchestrator: <c>##pipeline {json}</c> on the stage's stdout.
/// </summary>
public sealed record StageEvent
{
    /// <summary>The line prefix on a stage process's stdout.</summary>
    public const string Prefix = "##pipeline ";

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>What kind of report this is.</summary>
    public StageEventKind Kind { get; init; }

    /// <summary>Metric or param key, artifact path, or progress phase.</summary>
    public string? Key { get; init; }

    /// <summary>Metric value, or progress done.</summary>
    public double? Value { get; init; }

    /// <summary>Metric step, when given.</summary>
    public long? Step { get; init; }

    /// <summary>Progress total, when known.</summary>
    public double? Total { get; init; }

    /// <summary>Param value, artifact folder, progress unit, or log text.</summary>
    public string? Text { get; init; }

    /// <summary>Progress detail or log level.</summary>
    public string? Detail { get; init; }

    /// <summary>Milliseconds since the Unix epoch when it happened.</summary>
    public long TimestampMs { get; init; } = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The protocol line for this event.</summary>
    public string ToLine() => Prefix + JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a protocol line; null when the line is not one.</summary>
    public static StageEvent? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StageEvent>(line.AsSpan(Prefix.Length), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
