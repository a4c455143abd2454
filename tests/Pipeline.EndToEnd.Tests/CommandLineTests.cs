using Pipeline.Orchestrator.Cli;

namespace Pipeline.EndToEnd.Tests;

/// <summary>The command line: every verb, the shorthand, typed options and the error paths (exit code 2 in Program).</summary>
public sealed class CommandLineTests
{
    private static CliOptions Ok(params string[] args)
    {
        var options = CommandLine.Parse(args, out _, out var error);
        Assert.True(options is not null, error);
        return options!;
    }

    private static string Error(params string[] args)
    {
        Assert.Null(CommandLine.Parse(args, out _, out var error));
        return error!;
    }

    [Fact]
    public void A_pipeline_file_without_a_verb_is_run_with_every_option()
    {
        var o = Ok("p.yaml", "--set", "a.lr=0.1", "--set", "b.x=2", "--force", "a", "--until", "b", "-j", "3", "-k", "--artifacts", "out",
            "--run-name", "n", "--tracking-uri", "http://127.0.0.1:1", "--no-tracking", "--executor", "slurm", "--sweep", "a.lr=1,2", "--sweep-metric", "b.top1:max", "-v");

        Assert.Equal("run", o.Verb);
        Assert.Equal("p.yaml", o.File);
        Assert.Equal(["a.lr=0.1", "b.x=2"], o.Sets);
        Assert.Equal(["a"], o.Force);
        Assert.Equal("b", o.Until);
        Assert.Equal(3, o.Jobs);
        Assert.True(o.KeepGoing && o.NoTracking && o.ExecutorGiven);
        Assert.Equal(("out", "n", "http://127.0.0.1:1", "slurm"), (o.Artifacts, o.RunName, o.TrackingUri, o.Executor));
        Assert.Equal(["a.lr=1,2"], o.Sweeps);
        Assert.Equal("b.top1:max", o.SweepMetric);
        Assert.Equal(1, o.Verbosity);
        Assert.Equal(Ok("run", "p.yaml", "-q").File, o.File);
        Assert.Equal(-1, Ok("run", "p.yaml", "-q").Verbosity);
    }

    [Fact]
    public void Every_verb_parses_into_its_options()
    {
        Assert.Equal(("plan", "p.yaml", true), (Ok("plan", "p.yaml", "--json").Verb, Ok("plan", "p.yaml").File, Ok("plan", "p.yaml", "--json").Json));
        Assert.Equal(("status", "dir"), (Ok("status", "--artifacts", "dir").Verb, Ok("status", "--artifacts", "dir").Artifacts));
        Assert.Equal("verify", Ok("verify").Verb);
        Assert.True(Ok("plan", "p.yaml", "--no-tracking", "-j", "2").NoTracking); // the same command line plans as it runs
        var gc = Ok("gc", "a.yaml", "b.yaml", "--dry-run", "--keep-last", "2");
        Assert.Equal(("gc", "a.yaml", true, 2), (gc.Verb, gc.File, gc.DryRun, gc.KeepLast));
        Assert.Equal(["a.yaml", "b.yaml"], gc.Files);
        var sync = Ok("tracking", "sync", "p.yaml", "--tracking-uri", "http://x");
        Assert.Equal(("tracking", "sync", "p.yaml", "http://x"), (sync.Verb, sync.SubVerb, sync.File, sync.TrackingUri));
        Assert.Null(Ok("tracking", "sync").File);
        Assert.Equal(("stage-host", "r.json"), (Ok("stage-host", "r.json").Verb, Ok("stage-host", "r.json").File));
        Assert.Equal("help", Ok("--help").Verb);
        Assert.Equal("help", Ok("plan", "--help").Verb);
    }

    [Fact]
    public void The_executor_has_the_yaml_name_and_the_old_one_still_works_with_a_note()
    {
        var local = Ok("p.yaml", "--executor", "local");
        Assert.Equal(("process", true, false), (local.Executor, local.ExecutorGiven, local.ExecutorDeprecated));
        var old = Ok("p.yaml", "--executor", "process");
        Assert.Equal(("process", true), (old.Executor, old.ExecutorDeprecated));
        Assert.False(Ok("p.yaml").ExecutorGiven);
        Assert.Contains("'k8s' not recognized. Must be one of:", Error("p.yaml", "--executor", "k8s"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "p.yaml", "--jobs", "0" }, "--jobs must be a whole number of at least 1")]
    [InlineData(new[] { "p.yaml", "--jobs", "two" }, "two")]
    [InlineData(new[] { "p.yaml", "--jbos", "2" }, "--jbos")]
    [InlineData(new[] { "p.yaml", "--sweep-metric", "m:best" }, "--sweep-metric must be METRIC, METRIC:max or METRIC:min")]
    [InlineData(new[] { "plan" }, "Required argument 'pipeline' missing")]
    [InlineData(new string[0], "Required argument 'pipeline' missing")]
    [InlineData(new[] { "gc" }, "Required argument 'pipelines' missing")]
    [InlineData(new[] { "gc", "p.yaml", "--keep-last", "-1" }, "--keep-last")]
    [InlineData(new[] { "pln", "p.yaml" }, "unknown command 'pln' (did you mean 'plan'?)")]
    [InlineData(new[] { "status", "p.yaml" }, "p.yaml")]
    [InlineData(new[] { "status", "--jobs", "2" }, "--jobs")]
    public void Invalid_arguments_say_what_is_wrong(string[] args, string expected) =>
        Assert.Contains(expected, Error(args), StringComparison.Ordinal);
}
