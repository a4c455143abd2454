namespace Pipeline.Stages.Report.Model;

/// <summary>One bar: label, value (a fraction for accuracies) and whether it is ours (highlighted).</summary>
internal sealed record BarSpec(string Label, double Value, bool Highlight = false);
