using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Pipeline.Tracking.FileStore;

/// <summary>
/// MLflow's meta.yaml files through YamlDotNet: mappings with sorted keys, strings quoted only when YAML would read
/// them as something else (so <c>experiment_id: "1"</c> stays a string for PyYAML, as MLflow writes it), nulls,
/// numbers and <c>[]</c>; read back as flat string fields (a nested mapping such as an input's tags is skipped).
/// </summary>
internal static class MetaYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().WithTypeConverter(new NullConverter()).Build();
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>The value that writes as <c>[]</c> (MLflow's empty <c>tags</c> list).</summary>
    public static object EmptyList { get; } = Array.Empty<string>();

    /// <summary>Entries sorted by key; values are string, long, int, null or <see cref="EmptyList"/>.</summary>
    public static string Write(IEnumerable<KeyValuePair<string, object?>> entries) =>
        Serializer.Serialize(new SortedDictionary<string, object>(entries.ToDictionary(e => e.Key, e => e.Value ?? YamlNull.Value), StringComparer.Ordinal));

    /// <summary>A nested mapping under <paramref name="key"/> (block style), e.g. an input's tags.</summary>
    public static string WriteNested(string key, IEnumerable<KeyValuePair<string, string>> entries) =>
        Serializer.Serialize(new Dictionary<string, object> { [key] = new SortedDictionary<string, string>(entries.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal) });

    /// <summary>The top-level scalar fields of <paramref name="text"/>; an unreadable file gives no fields.</summary>
    public static Dictionary<string, string?> Read(string text)
    {
        Dictionary<string, object?>? parsed;
        try
        {
            parsed = Deserializer.Deserialize<Dictionary<string, object?>>(text);
        }
        catch (YamlException)
        {
            return new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        return (parsed ?? [])
            .Where(e => e.Value is null or string)
            .ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal);
    }

    // MLflow writes an absent value as `null` (PyYAML's safe_dump), not as an empty value: so do we.
    private sealed class YamlNull
    {
        public static readonly YamlNull Value = new();
    }

    private sealed class NullConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(YamlNull);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) => throw new NotSupportedException();

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, true, false));
    }
}
