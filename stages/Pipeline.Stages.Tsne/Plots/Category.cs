namespace Pipeline.Stages.Tsne.Plots;

/// <summary>One legend entry: a name and its colour (<c>#rrggbb</c>).</summary>
public sealed record Category(string Name, string Color);
