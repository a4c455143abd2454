namespace Pipeline.Orchestrator.Cli;

/// <summary>The parsed command line.</summary>
public sealed record CliOptions
{
    /// <summary>run, plan, status, verify, gc, tracking, stage-host, help.</summary>
    public string Verb { get; init; } = "run";

    /// <summary>The pipeline file (or the request file for stage-host).</summary>
    public string? File { get; init; }

    /// <summary>--set values in order.</summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>--force values.</summary>
    public IReadOnlyList<string> Force { get; init; } = [];

    /// <summary>--until.</summary>
    public string? Until { get; init; }

    /// <summary>--jobs.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>--keep-going.</summary>
    public bool KeepGoing { get; init; }

    /// <summary>--artifacts.</summary>
    public string Artifacts { get; init; } = Environment.GetEnvironmentVariable("PIPELINE_ARTIFACTS") is { Length: > 0 } a ? a : "artifacts";

    /// <summary>--run-name.</summary>
    public string? RunName { get; init; }

    /// <summary>--tracking-uri.</summary>
    public string? TrackingUri { get; init; }

    /// <summary>--executor: process (default), in-process or slurm.</summary>
    public string Executor { get; init; } = "process";

    /// <summary>True when --executor was given (it then wins over the pipeline's executor:).</summary>
    public bool ExecutorGiven { get; init; }

    /// <summary>True when --executor used the old name <c>process</c> (now <c>local</c>, as in the YAML).</summary>
    public bool ExecutorDeprecated { get; init; }

    /// <summary>--sweep values in order.</summary>
    public IReadOnlyList<string> Sweeps { get; init; } = [];

    /// <summary>--sweep-metric: the metric that sorts the comparison table, e.g. linear_eval.test_top1:max.</summary>
    public string? SweepMetric { get; init; }

    /// <summary>-v: 1, -q: -1.</summary>
    public int Verbosity { get; init; }

    /// <summary>--no-tracking: do not record the run in MLflow.</summary>
    public bool NoTracking { get; init; }

    /// <summary>The word after <c>tracking</c> (sync).</summary>
    public string? SubVerb { get; init; }

    /// <summary>Every pipeline file given (gc takes several; the first is <see cref="File"/>).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>--dry-run (gc): list what would be removed.</summary>
    public bool DryRun { get; init; }

    /// <summary>--keep-last N (gc): also keep what the last N runs used.</summary>
    public int KeepLast { get; init; }

    /// <summary>--json (plan and status).</summary>
    public bool Json { get; init; }
}
