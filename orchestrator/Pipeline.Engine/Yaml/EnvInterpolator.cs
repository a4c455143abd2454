using System.Text;

namespace Pipeline.Engine.Yaml;

/// <summary>Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in string values from the environment.</summary>
public sealed class EnvInterpolator
{
    private readonly Func<string, string?> _lookup;

    /// <summary>Creates an interpolator reading variables through <paramref name="lookup"/>.</summary>
    public EnvInterpolator(Func<string, string?> lookup) => _lookup = lookup;

    /// <summary>Reads the process environment.</summary>
    public static EnvInterpolator FromProcess { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Expands <paramref name="text"/>; returns null and sets <paramref name="error"/> when a variable is unset without default.</summary>
    public string? Expand(string text, out string? error)
    {
        error = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, start - i);
            var end = text.IndexOf('}', start + 2);
            if (end < 0)
            {
                error = $"unclosed '${{' in \"{text}\"";
                return null;
            }

            var body = text.Substring(start + 2, end - start - 2);
            var split = body.IndexOf(":-", StringComparison.Ordinal);
            var name = split >= 0 ? body[..split] : body;
            var fallback = split >= 0 ? body[(split + 2)..] : null;
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                error = $"'${{{body}}}' is not a valid variable reference (use ${{NAME}} or ${{NAME:-default}})";
                return null;
            }

            var value = _lookup(name);
            if (string.IsNullOrEmpty(value))
            {
                if (fallback is null)
                {
                    error = $"environment variable {name} is not set (give a default with ${{{name}:-value}})";
                    return null;
                }

                value = fallback;
            }

            result.Append(value);
            i = end + 1;
        }

        return result.ToString();
    }
}
