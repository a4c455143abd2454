using System.Globalization;
using System.Text;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Charts;

/// <summary>
/// Draws the run's stages as boxes coloured by status, with cache hit and duration. When the ledger names
/// dependencies the boxes are layered by them; otherwise (run.json records plan order only) they are drawn in
/// plan order, wrapped four to a row, joined by dashed arrows.
/// </summary>
internal static class SvgPipelineGraph
{
    private const double BoxWidth = 190;
    private const double BoxHeight = 70;
    private const double GapX = 46;
    private const double GapY = 30;
    private const double Margin = 12;
    private const int ColumnsWhenUnlinked = 4;

    /// <summary>True when at least one stage names a dependency that is in the run.</summary>
    public static bool HasEdges(LedgerRun run) =>
        run.Stages.Any(s => s.DependsOn.Any(d => run.Stages.Any(o => o.Id == d)));

    /// <summary>The graph as an SVG element; <paramref name="standalone"/> adds the namespace for a .svg file.</summary>
    public static string Render(LedgerRun run, bool standalone = false)
    {
        var stages = run.Stages;
        var ids = stages.Select(s => s.Id).ToHashSet();
        var linked = HasEdges(run);
        var positions = linked ? Layered(stages, ids) : Wrapped(stages.Count);
        var edges = linked
            ? stages.SelectMany((s, i) => s.DependsOn.Where(ids.Contains).Select(d => (From: IndexOf(stages, d), To: i))).ToList()
            : Enumerable.Range(1, Math.Max(0, stages.Count - 1)).Select(i => (From: i - 1, To: i)).ToList();
        var columns = positions.Count == 0 ? 1 : positions.Max(p => p.Column) + 1;
        var rows = positions.Count == 0 ? 1 : positions.Max(p => p.Row) + 1;
        var width = (Margin * 2) + (columns * BoxWidth) + ((columns - 1) * GapX);
        var height = (Margin * 2) + (rows * BoxHeight) + ((rows - 1) * GapY);
        (double X, double Y) Corner(int i) => (Margin + (positions[i].Column * (BoxWidth + GapX)), Margin + (positions[i].Row * (BoxHeight + GapY)));

        var svg = new StringBuilder();
        svg.Append(Svg.Open(width, height, "pipeline graph", standalone));
        svg.Append("<defs><marker id=\"pipeline-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var (from, to) in edges)
        {
            var (fx, fy) = Corner(from);
            var (tx, ty) = Corner(to);
            var sameRow = positions[from].Row == positions[to].Row && positions[to].Column > positions[from].Column;
            var (x1, y1, x2, y2) = linked || sameRow
                ? (fx + BoxWidth, fy + (BoxHeight / 2), tx, ty + (BoxHeight / 2))
                : (fx + (BoxWidth / 2), fy + BoxHeight, tx + (BoxWidth / 2), ty);
            var dash = linked ? string.Empty : " stroke-dasharray=\"5 4\"";
            svg.Append($"<line x1=\"{Svg.N(x1)}\" y1=\"{Svg.N(y1)}\" x2=\"{Svg.N(x2)}\" y2=\"{Svg.N(y2)}\" stroke=\"#555\" stroke-width=\"1.5\"{dash} marker-end=\"url(#pipeline-arrow)\"/>");
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var (x, y) = Corner(i);
            var (fill, stroke) = StatusColors(stage.Status);
            svg.Append($"<g><title>{Svg.E(Tooltip(stage))}</title>");
            svg.Append($"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(BoxWidth)}\" height=\"{Svg.N(BoxHeight)}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>");
            svg.Append($"<text x=\"{Svg.N(x + (BoxWidth / 2))}\" y=\"{Svg.N(y + 20)}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">{Svg.E(stage.Id)}</text>");
            svg.Append($"<text x=\"{Svg.N(x + (BoxWidth / 2))}\" y=\"{Svg.N(y + 38)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">{Svg.E(stage.Type)}</text>");
            svg.Append($"<text x=\"{Svg.N(x + (BoxWidth / 2))}\" y=\"{Svg.N(y + 57)}\" text-anchor=\"middle\" font-size=\"11\">{Svg.E(StatusLine(stage))}</text>");
            svg.Append("</g>");
        }

        svg.Append(Svg.Close);
        return svg.ToString();
    }

    /// <summary>"succeeded · 12.3 s", "cached (hit)", ...</summary>
    public static string StatusLine(LedgerStage stage)
    {
        var parts = new List<string> { stage.Status };
        if (stage.CacheHit)
        {
            parts.Add("cache hit");
        }
        else if (stage.DurationSeconds is { } seconds && seconds > 0)
        {
            parts.Add(Duration(seconds));
        }

        return string.Join(" · ", parts);
    }

    /// <summary>Seconds as "0.4 s", "12.3 s", "4 min 05 s" or "1 h 02 min".</summary>
    public static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return seconds switch
        {
            < 60 => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            < 3600 => $"{(int)span.TotalMinutes} min {span.Seconds:00} s",
            _ => $"{(int)span.TotalHours} h {span.Minutes:00} min",
        };
    }

    private static string Tooltip(LedgerStage stage) =>
        string.Join(" | ", new[] { stage.Id, stage.Type, stage.Status, stage.Reason, stage.Error }.Where(s => !string.IsNullOrEmpty(s)));

    private static (string Fill, string Stroke) StatusColors(string status) => status switch
    {
        "succeeded" => ("#dff3e4", "#2e7d32"),
        "cached" => ("#dcecfb", "#1565c0"),
        "running" => ("#fff4d6", "#b8860b"),
        "failed" => ("#fde0dc", "#c62828"),
        "cancelled" => ("#ffe7cc", "#e65100"),
        "skipped" => ("#eeeeee", "#757575"),
        _ => ("#f7f7f7", "#9e9e9e"),
    };

    private static int IndexOf(IReadOnlyList<LedgerStage> stages, string id)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<(int Column, int Row)> Wrapped(int count) =>
        Enumerable.Range(0, count).Select(i => (i % ColumnsWhenUnlinked, i / ColumnsWhenUnlinked)).ToList();

    private static List<(int Column, int Row)> Layered(IReadOnlyList<LedgerStage> stages, HashSet<string> ids)
    {
        var layer = new Dictionary<string, int>();
        int LayerOf(string id, int depth)
        {
            if (layer.TryGetValue(id, out var known))
            {
                return known;
            }

            // A cycle cannot come from a valid plan; the depth guard keeps a damaged ledger from recursing forever.
            var stage = stages[IndexOf(stages, id)];
            var deps = depth > stages.Count ? [] : stage.DependsOn.Where(ids.Contains).ToList();
            var value = deps.Count == 0 ? 0 : deps.Max(d => LayerOf(d, depth + 1)) + 1;
            layer[id] = value;
            return value;
        }

        var rowsUsed = new Dictionary<int, int>();
        var positions = new List<(int Column, int Row)>();
        foreach (var stage in stages)
        {
            var column = LayerOf(stage.Id, 0);
            var row = rowsUsed.GetValueOrDefault(column);
            rowsUsed[column] = row + 1;
            positions.Add((column, row));
        }

        return positions;
    }
}
