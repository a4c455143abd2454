using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Stages.Abstractions;

/// <summary>The one JSON shape of params records: snake_case keys and enum values, unknown keys rejected.</summary>
public static class ParamsJson
{
    /// <summary>Options shared by the engine (YAML binding, cache keys) and the stage host (child process).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
