using System.Reflection;
using System.Text.Json;

namespace Pipeline.Stages.Pretrain;

/// <summary>Finds the param key an augmentation validation message is about (the messages start with the snake_case name).</summary>
internal static class AugmentKeys
{
    private static readonly HashSet<string> Keys = typeof(SimClrPretrainParams)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The param key <paramref name="message"/> starts with, or <c>augmentation</c> when it names none.</summary>
    public static string KeyFor(string message)
    {
        var first = message.Split(' ', 2)[0];
        return Keys.Contains(first) ? first : "augmentation";
    }
}
