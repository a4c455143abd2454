using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Engine.Tests.Fakes;

public sealed class TextParams
{
    [Required]
    public string? Text { get; init; }

    [Range(1, 100)]
    public int Repeat { get; init; } = 1;

    [Range(0.0, double.MaxValue)]
    public double Lr { get; init; } = 0.06;

    public SubsetParams Subset { get; init; } = new();

    /// <summary>The name of a <see cref="StageGate"/> to pass before writing outputs (first run only).</summary>
    public string? Gate { get; init; }

    /// <summary>Operational: out of the cache key.</summary>
    [Pipeline.Stages.Abstractions.Operational]
    public int LogEvery { get; init; } = 10;

    public bool Fail { get; init; }

    /// <summary>A number or "auto" (null), read by its own converter as t-SNE's learning_rate is.</summary>
    [JsonConverter(typeof(AutoNumberConverter))]
    public double? Step { get; init; }
}

public sealed class AutoNumberConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() == "auto" ? null
        : reader.TokenType == JsonTokenType.Number ? reader.GetDouble()
        : throw new JsonException("expected a number or \"auto\"");

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteStringValue("auto");
        }
    }
}

public sealed class SubsetParams
{
    [Range(0, int.MaxValue)]
    public int Train { get; init; } = 10;
}
