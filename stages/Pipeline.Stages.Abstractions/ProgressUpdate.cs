namespace Pipeline.Stages.Abstractions;

/// <summary>One progress report: <paramref name="Done"/> of <paramref name="Total"/> <paramref name="Unit"/> in a named phase.</summary>
public sealed record ProgressUpdate(string Phase, double Done, double? Total, string Unit = "", string? Detail = null);
