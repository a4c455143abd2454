using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Engine.Model;
using Pipeline.Engine.Yaml;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Validation;

/// <summary>
/// Binds YAML params onto a stage's params record: defaults from code, every unknown key, wrong type,
/// out-of-range or missing value reported at once with its location.
/// </summary>
public static class ParamsBinder
{
    /// <summary>Binds <paramref name="values"/> (YAML and <c>--set</c>) onto <paramref name="paramsType"/>.</summary>
    public static ResolvedParams? Bind(
        string stageId,
        Type paramsType,
        IReadOnlyDictionary<string, ParamValue> values,
        SourceLocation fallbackLocation,
        List<Diagnostic> errors)
    {
        var before = errors.Count;
        var defaults = Activator.CreateInstance(paramsType) ?? throw new InvalidOperationException($"cannot create {paramsType}");
        var merged = (JsonObject)JsonSerializer.SerializeToNode(defaults, paramsType, ParamsJson.Options)!;
        var properties = ParamProperties(paramsType);

        var rejected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value.Invalid)
            {
                rejected.Add(key);
                continue;
            }

            if (!properties.TryGetValue(key, out var property))
            {
                errors.Add(new Diagnostic(value.Location,
                    $"unknown param '{ShownValue.Of(key)}' for stage '{stageId}'{NearestName.Hint(key, properties.Keys)}; valid params: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}"));
                continue;
            }

            try
            {
                CheckOne(paramsType, property, key, value.Value);
                merged[key] = value.Value?.DeepClone();
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
            {
                rejected.Add(key);
                errors.Add(new Diagnostic(value.Location,
                    $"param '{stageId}.{key}' expects {Describe(property.PropertyType)}, got {ShownValue.Json(value.Value)}{Detail(e)}"));
            }
        }

        object instance;
        try
        {
            instance = merged.Deserialize(paramsType, ParamsJson.Options)!;
        }
        catch (JsonException e)
        {
            errors.Add(new Diagnostic(fallbackLocation, $"params of stage '{stageId}': {e.Message}"));
            return null;
        }

        Validate(stageId, instance, values, rejected, fallbackLocation, errors);
        if (errors.Count > before)
        {
            return null;
        }

        var canonical = JsonSerializer.SerializeToNode(instance, paramsType, ParamsJson.Options);
        var operational = OperationalParams(paramsType);
        var keyed = canonical!.DeepClone().AsObject();
        foreach (var name in operational)
        {
            keyed.Remove(name);
        }

        return new ResolvedParams(instance, CanonicalJson.Serialize(canonical), CanonicalJson.Flatten(canonical))
        {
            KeyJson = CanonicalJson.Serialize(keyed),
            KeyFlat = CanonicalJson.Flatten(keyed),
            Operational = operational,
        };
    }

    /// <summary>The snake_case names of <paramref name="paramsType"/>'s params marked <see cref="OperationalAttribute"/>, sorted.</summary>
    public static IReadOnlyList<string> OperationalParams(Type paramsType) =>
        ParamProperties(paramsType)
            .Where(p => p.Value.GetCustomAttribute<OperationalAttribute>() is not null)
            .Select(p => p.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

    // One key on its own: through the params type when the property carries its own converter (for example
    // `learning_rate: auto`), so the check means what binding means; else as the property's type.
    private static void CheckOne(Type paramsType, PropertyInfo property, string key, JsonNode? value)
    {
        if (property.GetCustomAttribute<System.Text.Json.Serialization.JsonConverterAttribute>() is null)
        {
            JsonSerializer.Deserialize(value, property.PropertyType, ParamsJson.Options);
            return;
        }

        new JsonObject { [key] = value?.DeepClone() }.Deserialize(paramsType, ParamsJson.Options);
    }

    /// <summary>Snake_case param key to property, for a params type.</summary>
    public static Dictionary<string, PropertyInfo> ParamProperties(Type paramsType) =>
        paramsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), StringComparer.Ordinal);

    private static void Validate(string stageId, object instance, IReadOnlyDictionary<string, ParamValue> values, HashSet<string> rejected, SourceLocation fallback, List<Diagnostic> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? string.Empty;
            var key = JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
            if (rejected.Contains(key))
            {
                continue;
            }

            var location = values.TryGetValue(key, out var v) ? v.Location : fallback;
            var shown = values.TryGetValue(key, out var given) ? $" (got {ShownValue.Of(CanonicalJson.Display(given.Value))})" : " (not given)";
            errors.Add(new Diagnostic(location, $"param '{stageId}.{key}': {Rephrase(result.ErrorMessage, member, key)}{shown}"));
        }

        if (instance is IValidatableParams validatable)
        {
            foreach (var error in validatable.Validate())
            {
                var top = error.Key.Split('.')[0];
                if (rejected.Contains(top))
                {
                    continue;
                }

                var location = values.TryGetValue(top, out var v) ? v.Location : fallback;
                errors.Add(new Diagnostic(location, $"param '{stageId}.{error.Key}': {error.Message}"));
            }
        }
    }

    private static string Rephrase(string? message, string member, string key) =>
        (message ?? "is invalid").Replace($"The field {member} ", string.Empty, StringComparison.Ordinal)
            .Replace($"The {member} field ", string.Empty, StringComparison.Ordinal)
            .Replace(member, key, StringComparison.Ordinal);

    private static string Detail(Exception e) =>
        e is JsonException { Message: var m } && m.Contains("could not be mapped", StringComparison.Ordinal)
            ? $" ({m.Split(" Path:")[0]})"
            : string.Empty;

    /// <summary>A readable name of what a param accepts.</summary>
    public static string Describe(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner == typeof(int) || inner == typeof(long) || inner == typeof(short))
        {
            return "an integer";
        }

        if (inner == typeof(double) || inner == typeof(float) || inner == typeof(decimal))
        {
            return "a number";
        }

        if (inner == typeof(bool))
        {
            return "true or false";
        }

        if (inner == typeof(string))
        {
            return "a string";
        }

        if (inner.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(inner).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
        }

        if (inner.IsArray || (inner.IsGenericType && inner.GetInterfaces().Any(i => i.Name.StartsWith("IEnumerable", StringComparison.Ordinal))))
        {
            return "a list";
        }

        var keys = ParamProperties(inner).Keys;
        return keys.Count > 0 ? $"a mapping with keys {string.Join(", ", keys)}" : inner.Name;
    }
}
