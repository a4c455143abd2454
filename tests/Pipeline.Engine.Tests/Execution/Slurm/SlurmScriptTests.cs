using Pipeline.Engine.Execution;
using Pipeline.Engine.Execution.Slurm;
using Pipeline.Engine.Model;

namespace Pipeline.Engine.Tests.Execution.Slurm;

public sealed class SlurmScriptTests
{
    private static StageInvocation Invocation(Resources? resources) => new()
    {
        StageId = "pretrain",
        StageType = "simclr-pretrain",
        RunId = "r1",
        Key = "k",
        ParamsJson = "{}",
        Inputs = new Dictionary<string, string>(),
        OutputDirectory = "/a/tmp/k.r1",
        CheckpointDirectory = "/a/checkpoints/k",
        LogPath = "/a/runs/r1/pretrain.log",
        Resources = resources,
    };

    [Fact]
    public void Resources_become_sbatch_lines_and_the_stage_host_runs_detached_with_stdin_closed()
    {
        var script = SlurmScript.Build(new HostCommand("/usr/bin/dotnet", ["/opt/it's here/Pipeline.Orchestrator.dll"]), Invocation(new Resources(4, "8G", 1, "02:00:00", "gpu")), "/a/tmp/k.r1.request.json", "/a/tmp/k.r1.slurm.out");
        var lines = script.Split('\n');

        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --job-name=pipeline-pretrain", lines);
        Assert.Contains("#SBATCH --output=/a/tmp/k.r1.slurm.out", lines);
        Assert.Contains("#SBATCH --signal=B:TERM@60", lines); // the batch shell gets SIGTERM before the time limit
        Assert.Contains("#SBATCH --cpus-per-task=4", lines);
        Assert.Contains("#SBATCH --mem=8G", lines);
        Assert.Contains("#SBATCH --gres=gpu:1", lines);
        Assert.Contains("#SBATCH --time=02:00:00", lines);
        Assert.Contains("#SBATCH --partition=gpu", lines);
        Assert.Contains("export PIPELINE_STAGE_DETACHED=1", lines);
        Assert.DoesNotContain("PIPELINE_RUN_LEDGER", script, StringComparison.Ordinal); // no hidden inputs for stages
        Assert.Contains(@"exec '/usr/bin/dotnet' '/opt/it'\''s here/Pipeline.Orchestrator.dll' 'stage-host' '/a/tmp/k.r1.request.json' </dev/null", lines);
    }

    [Fact]
    public void Without_resources_only_the_fixed_lines_are_written()
    {
        var script = SlurmScript.Build(new HostCommand("/bin/orchestrator", []), Invocation(null), "/r.json", "/o.out");
        Assert.DoesNotContain("--cpus-per-task", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--gres", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--time", script, StringComparison.Ordinal);
        Assert.EndsWith("exec '/bin/orchestrator' 'stage-host' '/r.json' </dev/null\n", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
    public void Words_are_quoted_for_bash(string word, string quoted) => Assert.Equal(quoted, SlurmScript.Quote(word));
}
