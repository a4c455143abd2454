namespace Pipeline.Stages.Report.Model;

/// <summary>A row of the headline table: who, top-1 and top-5 as fractions (NaN when unknown), and whether it is ours.</summary>
internal sealed record HeadlineRow(string Label, double Top1, double Top5, bool Ours, string Source);
