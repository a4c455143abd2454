namespace Pipeline.Stages.Report.Model;

/// <summary>One line of a line chart: a name and its points (non-finite points are dropped when drawn).</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
