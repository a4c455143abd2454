using Pipeline.Tracking.Limits;
using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.Tests.Rest;

public class LogBatchSplitterTests
{
    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1000, 0, 0, 1)]
    [InlineData(1001, 0, 0, 2)]
    [InlineData(950, 100, 100, 2)]
    [InlineData(10, 250, 30, 3)]
    public void Every_chunk_respects_the_limits_and_nothing_is_lost(int metrics, int parameters, int tags, int expectedChunks)
    {
        var m = Enumerable.Range(0, metrics).Select(i => new MlflowMetric("m", i, 0, i)).ToList();
        var p = Enumerable.Range(0, parameters).Select(i => new MlflowKeyValue($"p{i}", "v")).ToList();
        var t = Enumerable.Range(0, tags).Select(i => new MlflowKeyValue($"t{i}", "v")).ToList();

        var chunks = LogBatchSplitter.Split("r", m, p, t).ToList();

        Assert.Equal(expectedChunks, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.InRange(c.Metrics.Count, 0, MlflowLimits.MaxMetricsPerBatch);
            Assert.InRange(c.Params.Count, 0, MlflowLimits.MaxParamsPerBatch);
            Assert.InRange(c.Tags.Count, 0, MlflowLimits.MaxTagsPerBatch);
            Assert.InRange(c.Metrics.Count + c.Params.Count + c.Tags.Count, 1, MlflowLimits.MaxEntitiesPerBatch);
        });
        Assert.Equal(m, chunks.SelectMany(c => c.Metrics));
        Assert.Equal(p, chunks.SelectMany(c => c.Params));
        Assert.Equal(t, chunks.SelectMany(c => c.Tags));
    }
}
