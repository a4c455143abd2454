using System.Diagnostics;

namespace Pipeline.Engine.Ledger;

/// <summary>
/// Runs whose orchestrator died without closing its ledger (kill -9, power loss): found by a ledger that says
/// <c>running</c> with a pid that no longer exists on this machine. They are closed as <c>killed</c>, and their
/// staging folders removed, by the next run or by <c>gc</c>.
/// </summary>
public static class StaleRuns
{
    /// <summary>The records of every run under <paramref name="artifactsRoot"/>, newest first.</summary>
    public static IReadOnlyList<RunRecord> All(string artifactsRoot)
    {
        var runs = Path.Combine(artifactsRoot, "runs");
        if (!Directory.Exists(runs))
        {
            return [];
        }

        return Directory.EnumerateDirectories(runs)
            .Select(d => JsonFiles.TryRead<RunRecord>(Path.Combine(d, "run.json")))
            .OfType<RunRecord>()
            .OrderByDescending(r => r.Started)
            .ThenByDescending(r => r.RunId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True while the orchestrator that wrote <paramref name="record"/> may still be running.</summary>
    public static bool IsLive(RunRecord record)
    {
        if (record.Status != "running")
        {
            return false;
        }

        if (record.Host is { } host && host != Environment.MachineName)
        {
            return true; // another machine's run (a shared filesystem): we cannot tell, so treat it as live
        }

        if (record.Pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(record.Pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= record.Started.UtcDateTime.AddSeconds(1);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Closes every ledger under <paramref name="artifactsRoot"/> that says running but whose process is gone: the
    /// run becomes <c>killed</c>, its running stages <c>killed</c> too, and its staging folders under
    /// <paramref name="stagingDirectory"/> (named <c>key.runid</c>) are removed. Returns the run ids closed.
    /// </summary>
    public static IReadOnlyList<string> CloseDead(string artifactsRoot, string stagingDirectory, TimeProvider? clock = null)
    {
        var closed = new List<string>();
        foreach (var record in All(artifactsRoot).Where(r => r.Status == "running" && !IsLive(r)))
        {
            Close(artifactsRoot, stagingDirectory, record, clock);
            closed.Add(record.RunId);
        }

        return closed;
    }

    /// <summary>Closes the ledger of <paramref name="record"/> as killed and removes its staging folders.</summary>
    public static void Close(string artifactsRoot, string stagingDirectory, RunRecord record, TimeProvider? clock = null)
    {
        var stages = record.Stages
            .Select(s => s.Status is StageStatus.Running or StageStatus.Pending
                ? s with { Status = StageStatus.Killed, Reason = "the orchestrator was killed while this stage ran or waited" }
                : s)
            .ToList();
        var done = record with { Status = "killed", Ended = (clock ?? TimeProvider.System).GetUtcNow(), Stages = stages };
        JsonFiles.Write(Path.Combine(artifactsRoot, "runs", record.RunId, "run.json"), done);
        RemoveStaging(stagingDirectory, record.RunId);
    }

    private static void RemoveStaging(string stagingDirectory, string runId)
    {
        if (!Directory.Exists(stagingDirectory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(stagingDirectory, $"*.{runId}*"))
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }
            }
            catch (IOException)
            {
                // In use: gc gets it later.
            }
        }
    }
}
