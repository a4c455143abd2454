using System.Text.Json;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;

namespace Pipeline.Orchestrator.Commands;

/// <summary><c>plan</c>: for each stage, whether it will run or is cached, and why. Writes nothing.</summary>
public static class PlanCommand
{
    /// <summary>Prints the plan; returns 0.</summary>
    public static int Execute(ValidatedPipeline pipeline, string artifacts, PlanOptions options, bool json, TextWriter output)
    {
        var store = new ArtifactStore(artifacts);
        var plan = Planner.Plan(pipeline, store, PipelineState.Load(store.Root, pipeline.Definition.Name), options);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(plan, JsonFiles.Options));
            return 0;
        }

        var width = plan.Max(p => p.StageId.Length);
        output.WriteLine($"plan for pipeline '{pipeline.Definition.Name}' ({pipeline.Definition.SourcePath}):");
        foreach (var entry in plan)
        {
            var action = entry.Action switch
            {
                PlanAction.Run => "run   ",
                PlanAction.Cached => "cached",
                _ => "skip  ",
            };
            output.WriteLine($"  {entry.StageId.PadRight(width)}  {action}  {entry.Reason}");
        }

        output.WriteLine($"{plan.Count(p => p.Action == PlanAction.Run)} to run, {plan.Count(p => p.Action == PlanAction.Cached)} cached");
        output.WriteLine("(cache entries checked by size and mtime; a run re-hashes what it reads, and `verify` re-hashes everything)");
        if (RunLedger.ReadLatest(store.Root) is { } last)
        {
            output.WriteLine($"last run: {last.RunId} ({last.Status}{(last.Ended is { } e ? $", ended {e:u}" : ", not ended: crashed or still running")})");
        }

        return 0;
    }
}
