namespace Pipeline.Engine.Ledger;

/// <summary>Keeps <c>run.json</c> of one run up to date (rewritten atomically on every change) and points LATEST at it.</summary>
public sealed class RunLedger
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private RunRecord _record;

    /// <summary>Starts a ledger for a new run under <c>&lt;artifacts&gt;/runs/&lt;run id&gt;/</c>; <paramref name="clock"/> stamps its end.</summary>
    public RunLedger(string artifactsRoot, RunRecord record, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        RunsDirectory = Path.Combine(artifactsRoot, "runs");
        Directory = Path.Combine(RunsDirectory, record.RunId);
        _record = record;
        System.IO.Directory.CreateDirectory(Directory);
        Save();
        Stages.Abstractions.AtomicFile.WriteAllText(Path.Combine(RunsDirectory, "LATEST"), record.RunId);
    }

    /// <summary>The runs folder.</summary>
    public string RunsDirectory { get; }

    /// <summary>This run's folder (run.json, stage logs, tracking spool).</summary>
    public string Directory { get; }

    /// <summary>The current record.</summary>
    public RunRecord Record
    {
        get
        {
            lock (_gate)
            {
                return _record;
            }
        }
    }

    /// <summary>Creates a new run id: UTC time plus random suffix, sortable.</summary>
    public static string NewRunId(TimeProvider? clock = null) => $"{(clock ?? TimeProvider.System).GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Replaces the record of stage <paramref name="stage"/>.</summary>
    public void Update(StageRecord stage)
    {
        lock (_gate)
        {
            var stages = _record.Stages.ToList();
            var index = stages.FindIndex(s => s.Id == stage.Id);
            if (index >= 0)
            {
                stages[index] = stage;
            }
            else
            {
                stages.Add(stage);
            }

            _record = _record with { Stages = stages };
            Save();
        }
    }

    /// <summary>Closes the run with a status and exit code.</summary>
    public void Complete(string status, int exitCode)
    {
        lock (_gate)
        {
            _record = _record with { Status = status, ExitCode = exitCode, Ended = _clock.GetUtcNow() };
            Save();
        }
    }

    /// <summary>Sets the tracking parent run id.</summary>
    public void SetTrackingRunId(string runId)
    {
        lock (_gate)
        {
            _record = _record with { TrackingRunId = runId };
            Save();
        }
    }

    /// <summary>The latest run under <paramref name="artifactsRoot"/>, or null.</summary>
    public static RunRecord? ReadLatest(string artifactsRoot)
    {
        var runs = Path.Combine(artifactsRoot, "runs");
        var latest = Path.Combine(runs, "LATEST");
        if (!File.Exists(latest))
        {
            return null;
        }

        return JsonFiles.TryRead<RunRecord>(Path.Combine(runs, File.ReadAllText(latest).Trim(), "run.json"));
    }

    private void Save() => JsonFiles.Write(Path.Combine(Directory, "run.json"), _record);
}
