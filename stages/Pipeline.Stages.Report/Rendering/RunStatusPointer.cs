namespace Pipeline.Stages.Report.Rendering;

/// <summary>
/// The one line that says where per-run status lives. The report shows none itself: it is a function of its declared
/// inputs and params, so the same key gives the same bytes whichever run made it.
/// </summary>
internal static class RunStatusPointer
{
    /// <summary>The command that prints each stage's status, cache hit, reason and duration for a run.</summary>
    public const string StatusCommand = "dotnet run --project orchestrator -- status";

    /// <summary>The text before the command.</summary>
    public const string Lead = "Per-run status (each stage's status, cache hit, reason and duration) is not part of this report, which depends only on its inputs and params: see";

    /// <summary>The text after the command.</summary>
    public const string Tail = "and the run in MLflow.";
}
