using ScottPlot;

namespace Pipeline.Stages.Report.Charts;

/// <summary>A chart to draw: file stem, title (also its accessible label), pixel size, and how to build its ScottPlot plot.</summary>
internal sealed record ChartFigure(string Name, string Title, int Width, int Height, Func<Plot> Build);
