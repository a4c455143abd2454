using System.Text.RegularExpressions;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Reads inline SVG charts out of report.html: find one by its accessible label, list its texts and fill colours.</summary>
public static partial class SvgChecks
{
    /// <summary>The &lt;svg&gt; element whose aria-label is <paramref name="label"/>; fails when there is not exactly one.</summary>
    public static string Chart(string html, string label)
    {
        var charts = SvgElement().Matches(html).Select(m => m.Value).Where(svg => svg.Contains($"aria-label=\"{label}\"", StringComparison.Ordinal)).ToList();
        return Assert.Single(charts);
    }

    /// <summary>Every text drawn in <paramref name="svg"/>, trimmed, in document order.</summary>
    public static IReadOnlyList<string> Texts(string svg) =>
        TextElement().Matches(svg).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value).Trim()).ToList();

    /// <summary>How many shapes in <paramref name="svg"/> are filled with <paramref name="hex"/> (e.g. "#0072B2").</summary>
    public static int Fills(string svg, string hex) => Regex.Count(svg, $"fill=\"{hex}\"", RegexOptions.IgnoreCase);

    [GeneratedRegex("<svg\\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();

    [GeneratedRegex("<text\\b[^>]*>(?<text>[^<]*)</text>", RegexOptions.Singleline)]
    private static partial Regex TextElement();
}
