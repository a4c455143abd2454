using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Tracking.Rest;

/// <summary>JSON settings for the MLflow wire format: snake_case, NaN/Infinity as strings, int64 accepted as strings.</summary>
internal static class MlflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
