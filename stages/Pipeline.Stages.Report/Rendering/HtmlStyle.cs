namespace Pipeline.Stages.Report.Rendering;

/// <summary>The report's inline stylesheet (no fonts or assets from anywhere).</summary>
internal static class HtmlStyle
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
        header, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; }
        h1 { margin-bottom: 4px; }
        h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 40px; }
        .meta { color: #555; margin-top: 0; }
        nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
        nav a { color: #0b5cad; text-decoration: none; }
        .headline { display: flex; gap: 16px; flex-wrap: wrap; margin: 16px 0; }
        .verdict { font-size: 18px; font-weight: 600; margin: 0 0 16px; }
        .card { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 12px 18px; min-width: 180px; }
        .card .value { font-size: 28px; font-weight: 600; }
        .card .label { color: #555; font-size: 13px; }
        .ours { color: #0072B2; }
        table { border-collapse: collapse; margin: 12px 0; background: #fff; font-size: 14px; }
        th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .notes { background: #fff8e1; border-left: 4px solid #f0b400; padding: 8px 12px 8px 28px; margin: 12px 0; font-size: 14px; }
        .gallery { display: flex; flex-wrap: wrap; gap: 16px; }
        figure { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px; }
        figure img { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 13px; color: #444; margin-top: 4px; }
        .chart { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 6px; margin: 8px 0; display: inline-block; max-width: 100%; }
        iframe.view3d { width: 100%; height: 640px; border: 1px solid #ccc; background: #fff; }
        .confusion td { text-align: right; min-width: 2.5em; }
        code { background: #f0f0f0; padding: 0 3px; border-radius: 3px; }
        .small { font-size: 12px; color: #666; }
        """;
}
