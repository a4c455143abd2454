namespace Pipeline.Engine.Planning;

/// <summary>The decision for one stage, with the reason users see.</summary>
public sealed record PlanEntry(string StageId, string StageType, PlanAction Action, string Reason, string? Key);
