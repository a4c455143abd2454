using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Stages.Tsne;

/// <summary>Reads a param that is a number or the string <c>auto</c> (read as null); null is written as null.</summary>
public sealed class AutoOrNumberJsonConverter : JsonConverter<double?>
{
    /// <summary>The word that stands for "let the stage choose".</summary>
    public const string Auto = "auto";

    /// <inheritdoc />
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String when string.Equals(reader.GetString(), Auto, StringComparison.OrdinalIgnoreCase) => null,
            JsonTokenType.String when double.TryParse(reader.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new JsonException($"expected a number or \"{Auto}\""),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
