using System.CommandLine;
using System.CommandLine.Parsing;

namespace Pipeline.Orchestrator.Cli;

/// <summary>
/// The command line, built on System.CommandLine: verbs (<c>run</c>, <c>plan</c>, <c>status</c>, <c>verify</c>,
/// <c>gc</c>, <c>tracking sync</c>) with generated help, typed options, suggestions for misspelt words and
/// tab completion (<c>dotnet-suggest</c>). A pipeline file without a verb means <c>run</c>. Parsing gives a
/// <see cref="CliOptions"/>; errors are exit code 2, as every invalid input.
/// </summary>
public static class CommandLine
{
    private static readonly Option<string[]> Set = new("--set") { Description = "override a param, STAGE.PARAM=VALUE (repeatable; typed like YAML)", HelpName = "STAGE.PARAM=VALUE" };
    private static readonly Option<string[]> Force = new("--force") { Description = "run a stage (or all) even when cached (repeatable)", HelpName = "ID|all" };
    private static readonly Option<string?> Until = new("--until") { Description = "run only ID and what it needs", HelpName = "ID" };
    private static readonly Option<int> Jobs = new("--jobs", "-j") { Description = "run up to N independent stages at once", DefaultValueFactory = _ => 1, HelpName = "N" };
    private static readonly Option<bool> KeepGoing = new("--keep-going", "-k") { Description = "after a failure, go on with other branches" };
    private static readonly Option<string> Artifacts = new("--artifacts")
    {
        Description = "artifacts folder (default ./artifacts, or $PIPELINE_ARTIFACTS)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PIPELINE_ARTIFACTS") is { Length: > 0 } a ? a : "artifacts",
        HelpName = "DIR",
    };

    private static readonly Option<string?> RunName = new("--run-name") { Description = "name of the tracking run", HelpName = "NAME" };
    private static readonly Option<string?> TrackingUri = new("--tracking-uri") { Description = "MLflow tracking URI (default $MLFLOW_TRACKING_URI, the pipeline's tracking_uri, ./mlruns)", HelpName = "URI" };
    private static readonly Option<bool> NoTracking = new("--no-tracking") { Description = "do not record the run in MLflow" };
    private static readonly Option<string?> Executor = new("--executor")
    {
        Description = "where stages run: local (each stage in its own process; the default), in-process, or slurm (each stage an sbatch job); the pipeline's executor: uses the same names",
        HelpName = "local|in-process|slurm",
    };

    private static readonly Option<string[]> Sweep = new("--sweep") { Description = "run every combination of the swept values as its own run (repeatable)", HelpName = "STAGE.PARAM=V1,V2" };
    private static readonly Option<string?> SweepMetric = new("--sweep-metric") { Description = "sort the sweep's comparison table by a metric, e.g. linear_eval.test_top1:max", HelpName = "M[:max|min]" };
    private static readonly Option<bool> Json = new("--json") { Description = "machine-readable output" };
    private static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "show every log line and metric" };
    private static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "show only failures and the summary" };
    private static readonly Option<bool> DryRun = new("--dry-run", "-n") { Description = "list what would be removed, and how many bytes, without removing it" };
    private static readonly Option<int> KeepLast = new("--keep-last") { Description = "also keep what the last N runs used", DefaultValueFactory = _ => 0, HelpName = "N" };
    private static readonly Argument<string> Pipeline = new("pipeline") { Description = "the pipeline YAML file, e.g. pipelines/smoke.yaml" };
    private static readonly Argument<string?> OptionalPipeline = new("pipeline") { Description = "the pipeline YAML file (default: every pipeline with a spool)", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Argument<string[]> Pipelines = new("pipelines") { Description = "the pipeline files whose current outputs to keep", Arity = ArgumentArity.OneOrMore };
    private static readonly Argument<string> Request = new("request") { Description = "the request file written by the orchestrator" };

    /// <summary>The root command with every verb; exposed for help and completion tests.</summary>
    public static RootCommand Root { get; } = Build();

    /// <summary>
    /// Parses <paramref name="args"/>; null with every error when they are invalid. <c>--help</c>, <c>--version</c>
    /// and the <c>[suggest]</c> directive give the verb <c>help</c>: invoke <paramref name="result"/> for them.
    /// </summary>
    public static CliOptions? Parse(IReadOnlyList<string> args, out ParseResult result, out string? error)
    {
        var arguments = args.ToList();
        if (arguments.Count > 0 && LooksLikeAMisspeltVerb(arguments[0]) is { } hint)
        {
            result = Root.Parse(arguments);
            error = $"unknown command '{arguments[0]}'{hint}; commands: {string.Join(", ", Root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}, or a pipeline file to run";
            return null;
        }

        if (arguments.Count == 0 || !IsVerb(arguments[0]))
        {
            arguments.Insert(0, "run"); // `PIPELINE.yaml [options]` is `run`
        }

        result = Root.Parse(arguments);
        error = null;
        if (result.Action is not null and not System.CommandLine.Invocation.ParseErrorAction)
        {
            return new CliOptions { Verb = "help" };
        }

        if (result.Errors.Count > 0)
        {
            error = string.Join(Environment.NewLine, result.Errors.Select(e => e.Message));
            return null;
        }

        var verb = result.CommandResult.Command;
        var name = verb == Root ? "help" : verb.Name == "sync" ? "tracking" : verb.Name;
        var executor = result.GetValue(Executor);
        return new CliOptions
        {
            Verb = name,
            SubVerb = verb.Name == "sync" ? "sync" : null,
            File = name switch
            {
                "stage-host" => result.GetValue(Request),
                "gc" => result.GetValue(Pipelines)?.FirstOrDefault(),
                "tracking" => result.GetValue(OptionalPipeline),
                "status" or "verify" or "help" => null,
                _ => result.GetValue(Pipeline),
            },
            Files = name == "gc" ? result.GetValue(Pipelines) ?? [] : [],
            Sets = Value(result, Set),
            Force = Value(result, Force),
            Until = Value(result, Until),
            Jobs = Value(result, Jobs, 1),
            KeepGoing = Value(result, KeepGoing),
            Artifacts = result.GetValue(Artifacts) ?? "artifacts",
            RunName = Value(result, RunName),
            TrackingUri = Value(result, TrackingUri),
            NoTracking = Value(result, NoTracking),
            Executor = executor is null or "local" or "process" ? "process" : executor,
            ExecutorGiven = executor is not null,
            ExecutorDeprecated = executor == "process",
            Sweeps = Value(result, Sweep),
            SweepMetric = Value(result, SweepMetric),
            Json = Value(result, Json),
            Verbosity = Value(result, Verbose) ? 1 : Value(result, Quiet) ? -1 : 0,
            DryRun = Value(result, DryRun),
            KeepLast = Value(result, KeepLast, 0),
        };
    }

    // A word that is no file, no option and close to a verb ("pln") is a typo, not a pipeline to run.
    private static string? LooksLikeAMisspeltVerb(string word)
    {
        if (IsVerb(word) || word.StartsWith('-') || word.Contains('.', StringComparison.Ordinal) || word.Contains('/', StringComparison.Ordinal) || File.Exists(word))
        {
            return null;
        }

        var hint = Engine.Yaml.NearestName.Hint(word, Root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList());
        return hint.Length > 0 ? hint : null;
    }

    private static bool IsVerb(string word) => Root.Subcommands.Any(c => c.Name == word) || word is "-h" or "--help" or "-?" or "--version" || word.StartsWith('[');

    // An option a verb does not have reads as its default.
    private static T Value<T>(ParseResult result, Option<T> option, T fallback = default!) =>
        result.CommandResult.Command.Options.Contains(option) ? result.GetValue(option) ?? fallback : fallback;

    private static string[] Value(ParseResult result, Option<string[]> option) =>
        result.CommandResult.Command.Options.Contains(option) ? result.GetValue(option) ?? [] : [];

    private static RootCommand Build()
    {
        Jobs.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1)
            {
                r.AddError($"--jobs must be a whole number of at least 1, got '{(r.Tokens.Count > 0 ? r.Tokens[^1].Value : string.Empty)}'");
            }
        });
        KeepLast.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 0)
            {
                r.AddError("--keep-last must be 0 or more");
            }
        });
        Executor.AcceptOnlyFromAmong("local", "in-process", "slurm", "process");
        SweepMetric.Validators.Add(r =>
        {
            var metric = r.Tokens.Count > 0 ? r.Tokens[^1].Value : string.Empty;
            if (metric.Contains(':', StringComparison.Ordinal) && !metric.EndsWith(":max", StringComparison.Ordinal) && !metric.EndsWith(":min", StringComparison.Ordinal))
            {
                r.AddError($"--sweep-metric must be METRIC, METRIC:max or METRIC:min, got '{metric}'");
            }
        });

        Option[] selection = [Set, Force, Until, Artifacts, Json, Verbose, Quiet];
        Option[] running = [Jobs, KeepGoing, RunName, TrackingUri, NoTracking, Executor, Sweep, SweepMetric];
        var run = Verb("run", "Run a pipeline: stages whose code, params and inputs did not change are cache hits; an interrupted stage resumes from its checkpoint.", [Pipeline], [.. selection, .. running]);
        // plan takes run's options too (a command line is planned as it would run), and ignores what does not change the plan.
        var plan = Verb("plan", "Say what would run and why, without running or writing anything (checks cache entries by size and mtime).", [Pipeline], [.. selection, .. running]);
        var status = Verb("status", "Show the last run from its ledger.", [], [Artifacts, Json]);
        var verify = Verb("verify", "Re-hash every byte of the cache against its manifests; move damaged entries to damaged/ and say which stages will run again.", [], [Artifacts]);
        var gc = Verb("gc", "Remove what the given pipelines no longer need: other cache entries, their checkpoints, damaged entries, staging folders, idle locks.", [Pipelines], [Artifacts, DryRun, KeepLast, Sweep, Set]);
        var sync = Verb("sync", "Send what a run could not send to MLflow (its spool); nothing is sent twice.", [OptionalPipeline], [Artifacts, TrackingUri, Verbose, Quiet]);
        var tracking = new Command("tracking", "MLflow tracking commands.") { sync };
        var stageHost = Verb("stage-host", "Run one stage from a request file (used by the executors).", [Request], []);
        stageHost.Hidden = true;

        var root = new RootCommand(
            "Runs pipelines of cached, resumable stages (a YAML DAG). `PIPELINE.yaml [options]` is short for `run PIPELINE.yaml [options]`.\n" +
            "Exit codes: 0 success, 1 a stage failed, 2 invalid input (nothing is run or written), 130 cancelled.")
        {
            run, plan, status, verify, gc, tracking, stageHost,
        };
        return root;
    }

    private static Command Verb(string name, string description, Argument[] arguments, Option[] options)
    {
        var command = new Command(name, description);
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }
}
