using System.Globalization;
using System.Text.Json;
using Pipeline.Engine.Ledger;

namespace Pipeline.Orchestrator.Commands;

/// <summary><c>status</c>: the last run from its ledger.</summary>
public static class StatusCommand
{
    /// <summary>Prints the last run; returns 0, or 1 when there is none.</summary>
    public static int Execute(string artifacts, bool json, TextWriter output)
    {
        var record = RunLedger.ReadLatest(Path.GetFullPath(artifacts));
        if (record is null)
        {
            output.WriteLine($"no runs yet under {artifacts}");
            return 1;
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(record, JsonFiles.Options));
            return 0;
        }

        output.WriteLine($"run {record.RunId}: pipeline '{record.Pipeline}' ({record.PipelineFile})");
        output.WriteLine($"  started {record.Started:u}, {(record.Ended is { } e ? $"ended {e:u}" : "not ended (crashed or still running)")}, status {record.Status}");
        var width = record.Stages.Count == 0 ? 0 : record.Stages.Max(s => s.Id.Length);
        foreach (var stage in record.Stages)
        {
            var duration = stage.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            output.WriteLine($"  {stage.Id.PadRight(width)}  {stage.Status.ToString().ToLowerInvariant(),-9}  {duration,7} s  {(stage.CacheHit ? "hit " : "    ")} {stage.Error ?? stage.Reason}");
        }

        return 0;
    }
}
