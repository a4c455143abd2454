using Pipeline.Engine.Graph;

namespace Pipeline.Engine.Tests.Graph;

public sealed class PipelineGraphTests
{
    [Fact]
    public void Topological_order_keeps_file_order_among_independent_stages()
    {
        var graph = new PipelineGraph(["report", "download", "pretrain", "preview"], [("download", "pretrain"), ("download", "preview"), ("pretrain", "report"), ("preview", "report")]);
        Assert.Equal(["download", "pretrain", "preview", "report"], graph.TopologicalOrder());
    }

    [Fact]
    public void Closure_is_the_target_and_what_it_needs()
    {
        var graph = new PipelineGraph(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("a", "d")]);
        Assert.Equal(["a", "b"], graph.Closure("b"));
    }

    [Fact]
    public void Every_cycle_is_found()
    {
        var graph = new PipelineGraph(["a", "b", "c", "d", "e"], [("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c")]);
        var cycles = graph.FindCycles().Select(c => string.Join(">", c)).ToList();
        Assert.Equal(2, cycles.Count);
        Assert.Contains("a>b>a", cycles);
        Assert.Contains("c>d>e>c", cycles);
        Assert.Throws<InvalidOperationException>(() => graph.TopologicalOrder());
    }

    [Fact]
    public void Deep_chains_do_not_overflow()
    {
        var nodes = Enumerable.Range(0, 20_000).Select(i => $"s{i}").ToList();
        var graph = new PipelineGraph(nodes, nodes.Zip(nodes.Skip(1)));
        Assert.Empty(graph.FindCycles());
        Assert.Equal(nodes, graph.TopologicalOrder());
    }
}
