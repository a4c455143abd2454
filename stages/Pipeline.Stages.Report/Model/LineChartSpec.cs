namespace Pipeline.Stages.Report.Model;

/// <summary>A line chart to draw as SVG: file stem, title, axis labels, series.</summary>
internal sealed record LineChartSpec(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series, bool Markers = false);
