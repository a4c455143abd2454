namespace Pipeline.Stages.Report.Model;

/// <summary>
/// A row of the test-accuracy table: who, top-1 and top-5 as fractions (NaN when unknown), whether it is ours, where the
/// numbers come from, the probe it belongs to (null for the reference) and whether it is the params' reference.
/// </summary>
internal sealed record HeadlineRow(string Label, double Top1, double Top5, bool Ours, string Source, string? Probe, bool IsReference = false);
