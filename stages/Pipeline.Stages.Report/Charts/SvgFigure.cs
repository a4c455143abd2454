using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Pipeline.Stages.Report.Charts;

/// <summary>
/// Renders a <see cref="ChartFigure"/> to SVG with ScottPlot: a standalone file for report.md, or an element to inline in
/// report.html. Skia numbers clip paths from a process-wide counter, so ids are renamed in order of appearance (the same
/// chart gives the same bytes in any process) and prefixed with the figure's name (ids are global in an HTML page).
/// </summary>
internal static partial class SvgFigure
{
    /// <summary>The SVG document (with its XML declaration) for a .svg file.</summary>
    public static string Standalone(ChartFigure figure) => RenameIds(Render(figure), figure.Name);

    /// <summary>The &lt;svg&gt; element for an HTML page: no XML declaration, unique ids, scales down with the page.</summary>
    public static string Inline(ChartFigure figure)
    {
        var svg = XmlDeclaration().Replace(Standalone(figure), string.Empty);
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        var attributes = string.Create(
            CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {figure.Width} {figure.Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(figure.Title)}\" style=\"max-width:100%;height:auto\"");
        return svg[..open] + attributes + svg[(open + "<svg".Length)..];
    }

    private static string Render(ChartFigure figure)
    {
        // ScottPlot's default tick labels follow the current culture. Every chart here sets invariant formatters; this
        // keeps any label they miss invariant too, so the bytes never depend on the machine's culture.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            using var plot = figure.Build();
            return plot.GetSvgXml(figure.Width, figure.Height);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static string RenameIds(string svg, string prefix)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in IdDefinition().Matches(svg))
        {
            names.TryAdd(match.Groups[2].Value, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{names.Count + 1}"));
        }

        string Renamed(string id) => names.GetValueOrDefault(id, id);
        svg = IdDefinition().Replace(svg, m => m.Groups[1].Value + Renamed(m.Groups[2].Value) + m.Groups[3].Value);
        return IdReference().Replace(svg, m => m.Groups[1].Value + Renamed(m.Groups[2].Value));
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""(\bid=")([^"]+)(")""")]
    private static partial Regex IdDefinition();

    [GeneratedRegex("""(url\(#|href="#)""" + """([^)"]+)""")]
    private static partial Regex IdReference();
}
