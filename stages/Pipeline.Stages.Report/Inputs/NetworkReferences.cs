using System.Text.RegularExpressions;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>
/// Finds references that would make a page load something from the network: src/href/poster/action attributes,
/// CSS url() and @import, and fetch()/import() of absolute URLs. Plain strings such as an XML namespace are not references.
/// </summary>
internal static partial class NetworkReferences
{
    /// <summary>Each offending snippet, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<string> Find(string html, int limit = 5) =>
        Pattern().Matches(html).Take(limit).Select(m => m.Value).ToList();

    [GeneratedRegex(
        """(?:\b(?:src|href|poster|action|srcset|xlink:href)\s*=\s*["']?\s*(?:https?:)?//[^\s"'>]*)|(?:url\(\s*["']?\s*(?:https?:)?//[^)\s]*)|(?:@import\s+(?:url\()?\s*["']?(?:https?:)?//[^\s"';)]*)|(?:\b(?:fetch|import)\s*\(\s*["'](?:https?:)?//[^"']*)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
