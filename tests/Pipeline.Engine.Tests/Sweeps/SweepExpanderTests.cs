using Pipeline.Engine.Model;
using Pipeline.Engine.Sweeps;
using Pipeline.Engine.Tests.Fakes;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Tests.Sweeps;

public sealed class SweepExpanderTests
{
    [Fact]
    public void The_grid_is_every_combination_and_the_command_line_replaces_a_pipeline_axis()
    {
        var pipeline = new PipelineValidator(TestCatalog.Create()).LoadText("""
            name: demo
            sweep:
              a.repeat: [1, 2, 3]
              a.lr: [0.1]
            stages:
              a: { uses: text, params: { text: x } }
            """, "p.yaml");
        Assert.Equal(2, pipeline.Definition.Sweep.Count);
        var cli = SweepExpander.Parse("a.repeat=4,5", 1, out var error)!;
        Assert.Null(error);
        var variants = SweepExpander.Expand(pipeline.Definition.Sweep, [cli, SweepExpander.Parse("a.text=p,q", 2, out _)!]);
        Assert.Equal(4, variants.Count);
        Assert.Equal(["a.lr=0.1 a.repeat=4 a.text=p", "a.lr=0.1 a.repeat=4 a.text=q", "a.lr=0.1 a.repeat=5 a.text=p", "a.lr=0.1 a.repeat=5 a.text=q"], variants.Select(v => v.Label));
        var bound = new PipelineValidator(TestCatalog.Create()).LoadText("name: demo\nstages:\n  a: { uses: text, params: { text: x } }\n", "p.yaml", variants[3].Overrides);
        Assert.Equal(5, ((TextParams)bound.Stages["a"].Params.Instance).Repeat);
        Assert.Equal("q", ((TextParams)bound.Stages["a"].Params.Instance).Text);
    }

    [Fact]
    public void Malformed_sweep_arguments_are_rejected()
    {
        Assert.Null(SweepExpander.Parse("lr=1,2", 1, out var e1));
        Assert.Contains("stage.param=value1,value2", e1);
        Assert.Null(SweepExpander.Parse("a.lr=", 1, out _));
    }

    [Fact]
    public void Resources_and_executor_are_read_and_checked()
    {
        var pipeline = new PipelineValidator(TestCatalog.Create()).LoadText("""
            name: demo
            executor: slurm
            resources: { cpus: 2, mem: 4G, time: "1:00:00" }
            stages:
              a:
                uses: text
                params: { text: x }
                resources: { gpus: 1, partition: gpu }
            """, "p.yaml");
        Assert.Equal("slurm", pipeline.Definition.Executor);
        var merged = pipeline.Definition.Stages[0].Resources!.Over(pipeline.Definition.Resources);
        Assert.Equal(new Resources(2, "4G", 1, "1:00:00", "gpu"), merged);

        var e = Assert.Throws<PipelineValidationException>(() => new PipelineValidator(TestCatalog.Create()).LoadText("""
            name: demo
            executor: kubernetes
            resources: { cpus: 0, memory: 4G, time: soon }
            stages:
              a: { uses: text, params: { text: x } }
            """, "p.yaml"));
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("executor must be 'local' or 'slurm'"));
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("resources.cpus must be a whole number of at least 1"));
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("unknown key 'memory'") && d.Message.Contains("did you mean 'mem'"));
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("resources.time must be a Slurm time"));
    }
}
