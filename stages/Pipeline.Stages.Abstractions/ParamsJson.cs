using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Stages.Abstractions;

/// <summary>The one JSON shape of params records: snake_case keys and enum values, unknown keys rejected.</summary>
public static class ParamsJson
{
    /// <summary>Options shared by the engine (YAML binding, cache keys) and the stage host (child process).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// <paramref name="parameters"/> as JSON without its <see cref="OperationalAttribute"/> params: what an output
    /// may record of its params and still be the same bytes whenever the same cache key runs.
    /// </summary>
    public static string WithoutOperational(object parameters)
    {
        var node = JsonSerializer.SerializeToNode(parameters, parameters.GetType(), Options)!.AsObject();
        foreach (var property in parameters.GetType().GetProperties())
        {
            if (property.GetCustomAttributes(typeof(OperationalAttribute), inherit: true).Length > 0)
            {
                node.Remove(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }

        return node.ToJsonString(Options);
    }

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
