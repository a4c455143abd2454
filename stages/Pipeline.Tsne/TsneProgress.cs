namespace Pipeline.Tsne;

/// <summary>
/// A progress report: the stage, the 1-based iteration reached out of the total (0 before optimisation starts),
/// and KL(P||Q) of the un-exaggerated P when it was computed at this report (every 50 iterations and at the end).
/// </summary>
public sealed record TsneProgress(TsneStage Stage, int Iteration, int TotalIterations, double? KlDivergence);
