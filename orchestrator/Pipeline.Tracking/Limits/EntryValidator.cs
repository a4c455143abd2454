using Microsoft.Extensions.Logging;

namespace Pipeline.Tracking.Limits;

/// <summary>Checks keys against MLflow's rules and truncates over-long values with a warning.</summary>
internal sealed class EntryValidator
{
    private readonly ILogger _logger;

    public EntryValidator(ILogger logger) => _logger = logger;

    /// <summary>
    /// MLflow allows letters, digits, '_', '-', '.', ' ', '/' in keys, at most 250 chars, and no '..' path segments.
    /// </summary>
    public static void ValidateKey(string key, string kind)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"{kind} key must not be empty.", nameof(key));
        }

        if (key.Length > MlflowLimits.MaxKeyLength)
        {
            throw new ArgumentException($"{kind} key '{key[..40]}...' is {key.Length} chars; MLflow allows at most {MlflowLimits.MaxKeyLength}.", nameof(key));
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or '/'))
            {
                throw new ArgumentException($"{kind} key '{key}' has character '{c}'; MLflow allows letters, digits, '_', '-', '.', ' ' and '/'.", nameof(key));
            }
        }

        if (key.StartsWith('/') || key.Split('/').Any(segment => segment is ".." or "." or ""))
        {
            throw new ArgumentException($"{kind} key '{key}' is not a valid relative path.", nameof(key));
        }
    }

    public string Param(string key, string value)
    {
        ValidateKey(key, "Param");
        return Truncate(key, value, MlflowLimits.MaxParamValueLength, "param");
    }

    public string Tag(string key, string value)
    {
        ValidateKey(key, "Tag");
        return Truncate(key, value, MlflowLimits.MaxTagValueLength, "tag");
    }

    private string Truncate(string key, string value, int max, string kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= max)
        {
            return value;
        }

        _logger.LogWarning("Truncated {Kind} '{Key}' from {Length} to {Max} chars (MLflow limit).", kind, key, value.Length, max);
        return value[..max];
    }
}
