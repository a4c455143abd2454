using System.Globalization;

namespace Pipeline.Orchestrator.Cli;

/// <summary>Parses the orchestrator's arguments; errors name the argument and what to do.</summary>
public static class CommandLineParser
{
    private static readonly string[] Verbs = ["run", "plan", "status", "verify", "gc", "stage-host", "help", "tracking"];

    /// <summary>Parses <paramref name="args"/>; returns null and an error message when they are invalid.</summary>
    public static CliOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = new CliOptions();
        var sets = new List<string>();
        var force = new List<string>();
        var sweeps = new List<string>();
        var files = new List<string>();
        var i = 0;
        if (args.Count > 0 && Verbs.Contains(args[0]))
        {
            options = options with { Verb = args[0] };
            i = 1;
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{arg} needs a value");
                }

                return args[++i];
            }

            try
            {
                switch (arg)
                {
                    case "-h" or "--help":
                        options = options with { Verb = "help" };
                        break;
                    case "--set":
                        sets.Add(Value());
                        break;
                    case "--force":
                        force.Add(Value());
                        break;
                    case "--until":
                        options = options with { Until = Value() };
                        break;
                    case "--jobs" or "-j":
                        var jobs = Value();
                        if (!int.TryParse(jobs, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                        {
                            throw new FormatException($"--jobs must be a whole number of at least 1, got '{jobs}'");
                        }

                        options = options with { Jobs = n };
                        break;
                    case "--keep-going" or "-k":
                        options = options with { KeepGoing = true };
                        break;
                    case "--artifacts":
                        options = options with { Artifacts = Value() };
                        break;
                    case "--run-name":
                        options = options with { RunName = Value() };
                        break;
                    case "--tracking-uri":
                        options = options with { TrackingUri = Value() };
                        break;
                    case "--executor":
                        var executor = Value();
                        if (executor is not ("process" or "in-process" or "slurm"))
                        {
                            throw new FormatException($"--executor must be 'process', 'in-process' or 'slurm', got '{executor}'");
                        }

                        options = options with { Executor = executor, ExecutorGiven = true };
                        break;
                    case "-v" or "--verbose":
                        options = options with { Verbosity = 1 };
                        break;
                    case "-q" or "--quiet":
                        options = options with { Verbosity = -1 };
                        break;
                    case "--sweep":
                        sweeps.Add(Value());
                        break;
                    case "--sweep-metric":
                        var metric = Value();
                        if (metric.EndsWith(":max", StringComparison.Ordinal) is false && metric.EndsWith(":min", StringComparison.Ordinal) is false && metric.Contains(':', StringComparison.Ordinal))
                        {
                            throw new FormatException($"--sweep-metric must be METRIC, METRIC:max or METRIC:min, got '{metric}'");
                        }

                        options = options with { SweepMetric = metric };
                        break;
                    case "--no-tracking":
                        options = options with { NoTracking = true };
                        break;
                    case "--json":
                        options = options with { Json = true };
                        break;
                    case "--dry-run" or "-n":
                        options = options with { DryRun = true };
                        break;
                    case "--keep-last":
                        var last = Value();
                        if (!int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var keep) || keep < 0)
                        {
                            throw new FormatException($"--keep-last must be a whole number (0 or more), got '{last}'");
                        }

                        options = options with { KeepLast = keep };
                        break;
                    default:
                        if (arg.StartsWith('-'))
                        {
                            throw new FormatException($"unknown option '{arg}' (see --help)");
                        }

                        if (options.Verb == "tracking" && options.SubVerb is null)
                        {
                            if (arg != "sync")
                            {
                                throw new FormatException($"unknown tracking command '{arg}': use 'tracking sync'");
                            }

                            options = options with { SubVerb = arg };
                            break;
                        }

                        if (options.File is not null && options.Verb != "gc")
                        {
                            throw new FormatException($"unexpected argument '{arg}': only one pipeline file is taken");
                        }

                        files.Add(arg);
                        options = options with { File = options.File ?? arg };
                        break;
                }
            }
            catch (FormatException e)
            {
                error = e.Message;
                return null;
            }
        }

        if (options.Verb == "tracking" && options.SubVerb is null)
        {
            error = "use 'tracking sync [PIPELINE.yaml]'";
            return null;
        }

        if (options.File is null && options.Verb is "run" or "plan" or "stage-host" or "gc")
        {
            error = options.Verb switch
            {
                "stage-host" => "stage-host needs a request file",
                "gc" => "gc: give the pipeline file(s) whose current outputs to keep, e.g. gc pipelines/smoke.yaml",
                _ => $"{options.Verb}: give a pipeline file, e.g. pipelines/smoke.yaml",
            };
            return null;
        }

        return options with { Sets = sets, Force = force, Sweeps = sweeps, Files = files };
    }

    /// <summary>The --help text.</summary>
    public const string Help = """
        Usage: dotnet run --project orchestrator -- [run] PIPELINE.yaml [options]
               dotnet run --project orchestrator -- plan PIPELINE.yaml [options]
               dotnet run --project orchestrator -- status [--artifacts DIR] [--json]
               dotnet run --project orchestrator -- verify [--artifacts DIR]
               dotnet run --project orchestrator -- gc PIPELINE.yaml [PIPELINE.yaml ...] [--keep-last N] [--dry-run]
               dotnet run --project orchestrator -- tracking sync [PIPELINE.yaml] [--tracking-uri URI]

        Runs a pipeline of cached, resumable stages. Stages whose inputs, params and code did not change are
        taken from the cache; an interrupted stage continues from its checkpoint when the same command runs again.
        plan checks cache entries by size and mtime (fast); runs re-hash every entry they read; verify re-hashes
        the whole cache and moves damaged entries to damaged/; gc removes what the given pipelines no longer need.

        Options:
          --set STAGE.PARAM=VALUE   override a param (repeatable; typed like YAML)
          --force ID|all            run a stage (or all) even when cached (repeatable)
          --until ID                run only ID and what it needs
          --jobs, -j N              run up to N independent stages at once (default 1)
          --keep-going, -k          after a failure, go on with other branches
          --artifacts DIR           artifacts folder (default ./artifacts, or $PIPELINE_ARTIFACTS)
          --run-name NAME           name of the tracking run
          --tracking-uri URI        MLflow tracking URI (default $MLFLOW_TRACKING_URI, the pipeline's tracking_uri, ./mlruns)
          --no-tracking             do not record the run in MLflow
          --executor process|in-process|slurm   where stages run (default: each in its own process;
                                    slurm: each stage as an sbatch job; also `executor: slurm` in the pipeline)
          --sweep STAGE.PARAM=V1,V2 run every combination of the swept values as its own run (repeatable);
                                    stages the variants share run once
          --sweep-metric M[:max|min] sort the sweep's comparison table by metric M (e.g. linear_eval.test_top1:max)
          --json                    machine-readable output for plan and status
          --dry-run, -n             gc: list what would be removed, and how many bytes, without removing it
          --keep-last N             gc: also keep what the last N runs used (default 0)
          -v, --verbose / -q, --quiet
          -h, --help

        Exit codes: 0 success, 1 a stage failed, 2 invalid input, 130 cancelled.
        """;
}
