using System.Globalization;
using System.Net;

namespace Pipeline.Stages.Report.Charts;

/// <summary>Shared SVG helpers: number formatting, escaping, the colour palette and the root element.</summary>
internal static class Svg
{
    /// <summary>The SVG namespace, written only in standalone .svg files (inline SVG in HTML does not need it).</summary>
    private const string Namespace = "http" + "://www.w3.org/2000/svg";

    /// <summary>A colour-blind-friendly categorical palette (Okabe-Ito, then grays).</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999", "#666666"];

    /// <summary>A coordinate with at most two decimals, invariant culture.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text escaped for SVG/XML content and attributes.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Opens an &lt;svg&gt; with a viewBox that scales to the page width.</summary>
    public static string Open(double width, double height, string label, bool standalone) =>
        $"<svg {(standalone ? $"xmlns=\"{Namespace}\" " : string.Empty)}viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-label=\"{E(label)}\" style=\"max-width:100%;height:auto;font-family:sans-serif\">";

    /// <summary>Closes the root element.</summary>
    public const string Close = "</svg>";
}
