using Microsoft.Extensions.Logging;

namespace Pipeline.Stages.Abstractions;

/// <summary>What a running stage receives: where its inputs are, where to write, where to keep checkpoints, and whom to report to.</summary>
public sealed class StageContext
{
    /// <summary>Creates a context; the engine and tests build these.</summary>
    public StageContext(
        string stageId,
        string runId,
        int seed,
        IReadOnlyDictionary<string, string> inputs,
        string outputDirectory,
        string checkpointDirectory,
        ILogger logger,
        IStageReporter reporter)
    {
        StageId = stageId;
        RunId = runId;
        Seed = seed;
        Inputs = inputs;
        OutputDirectory = outputDirectory;
        CheckpointDirectory = checkpointDirectory;
        Logger = logger;
        Reporter = reporter;
    }

    /// <summary>The stage id in the pipeline, for example <c>pretrain</c>.</summary>
    public string StageId { get; }

    /// <summary>The orchestrator run this execution belongs to.</summary>
    public string RunId { get; }

    /// <summary>The pipeline seed.</summary>
    public int Seed { get; }

    /// <summary>Input name to the directory of the upstream output it is wired to.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; }

    /// <summary>The staging folder; each output is the subfolder named after it. Moved into the cache only after success.</summary>
    public string OutputDirectory { get; }

    /// <summary>A folder that survives crashes and cancellation of this exact stage configuration (same cache key).</summary>
    public string CheckpointDirectory { get; }

    /// <summary>
    /// How long the stage has after a SIGTERM it did not ask for before it is killed (Slurm's <c>KillWait</c> for a
    /// cancelled, timed-out or preempted job); null when nothing is known (the orchestrator waits for its own stops).
    /// </summary>
    public TimeSpan? StopGrace { get; init; }

    /// <summary>Logger for human-readable messages.</summary>
    public ILogger Logger { get; }

    /// <summary>Metrics, params, artifacts and progress.</summary>
    public IStageReporter Reporter { get; }

    /// <summary>The directory of input <paramref name="name"/>.</summary>
    public string Input(string name) =>
        Inputs.TryGetValue(name, out var path)
            ? path
            : throw new InvalidOperationException($"stage '{StageId}' has no input '{name}'");

    /// <summary>The staging directory of output <paramref name="name"/>, created on first use.</summary>
    public string Output(string name)
    {
        var path = Path.Combine(OutputDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
