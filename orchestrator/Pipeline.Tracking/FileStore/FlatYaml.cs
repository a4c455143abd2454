using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Tracking.FileStore;

/// <summary>
/// The one-level YAML mappings of MLflow's meta.yaml files, written the way PyYAML's safe_dump does
/// (sorted keys, strings quoted only when needed) and read back leniently (quotes, null, folded lines).
/// </summary>
internal static partial class FlatYaml
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan",
    };

    /// <summary>Entries sorted by key; values are string, long, int, null, or the literal "[]" via <see cref="EmptyList"/>.</summary>
    public static string Write(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        }

        return builder.ToString();
    }

    public static object EmptyList { get; } = new();

    /// <summary>A nested mapping as the last key (PyYAML block style, two-space indent), e.g. an input's tags.</summary>
    public static string WriteNested(string key, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var builder = new StringBuilder(key).Append(":\n");
        foreach (var (nestedKey, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            builder.Append("  ").Append(nestedKey).Append(": ").Append(Scalar(value)).Append('\n');
        }

        return builder.ToString();
    }

    public static Dictionary<string, string?> Read(string text)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        string? lastKey = null;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && lastKey is not null)
            {
                raw[lastKey] = raw[lastKey] + " " + line.Trim();
                continue;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0 && line.EndsWith(':'))
            {
                colon = line.Length - 1;
            }

            if (colon <= 0)
            {
                continue;
            }

            lastKey = line[..colon];
            raw[lastKey] = line[(colon + 1)..].Trim();
        }

        return raw.ToDictionary(e => e.Key, e => Parse(e.Value), StringComparer.Ordinal);
    }

    private static string? Parse(string raw)
    {
        if (raw.Length == 0 || raw is "null" or "~" or "Null" or "NULL")
        {
            return null;
        }

        if (raw.Length >= 2 && raw[0] == '\'' && raw[^1] == '\'')
        {
            return raw[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(raw);
            }
            catch (JsonException)
            {
                return raw[1..^1];
            }
        }

        return raw;
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => Quote(s),
        _ when ReferenceEquals(value, EmptyList) => "[]",
        _ => throw new ArgumentException($"Unsupported YAML value type {value.GetType().Name}.", nameof(value)),
    };

    private static string Quote(string s)
    {
        if (s.Any(c => char.IsControl(c)))
        {
            var builder = new StringBuilder("\"");
            foreach (var c in s)
            {
                builder.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            return builder.Append('"').ToString();
        }

        var plain = PlainSafe().IsMatch(s)
            && !Reserved.Contains(s)
            && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && !s.Contains(": ", StringComparison.Ordinal)
            && !s.Contains(" #", StringComparison.Ordinal)
            && !s.EndsWith(':');
        return plain ? s : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    [GeneratedRegex("^[A-Za-z0-9_/.][A-Za-z0-9_ ./:@+=-]*(?<! )$")]
    private static partial Regex PlainSafe();
}
