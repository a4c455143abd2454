using Pipeline.Stages.Tsne.Data;
using Pipeline.Stages.Tsne.Tests.Support;
using Pipeline.TestSupport;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Tsne.Tests.Data;

public sealed class EmbeddingsReaderTests
{
    [Theory]
    [InlineData(ClusteredEmbeddings.Encoding.Float32Required)]
    [InlineData(ClusteredEmbeddings.Encoding.Float64Nullable)]
    public async Task Reads_every_row_group_in_file_order_whatever_the_column_widths(ClusteredEmbeddings.Encoding encoding)
    {
        using var folder = new TempDirectory("tsne-reader");
        var path = await ClusteredEmbeddings.WriteAsync(folder.Path, perClass: 25, dimensions: 12, rowGroups: 4, encoding: encoding);
        var groups = new List<(int Done, int Total)>();

        var table = await EmbeddingsReader.ReadAsync(path, (done, total) => groups.Add((done, total)));

        Assert.Equal(100, table.Count);
        Assert.Equal(12, table.Dimensions);
        Assert.Equal(1200, table.Features.Length);
        Assert.Equal(Enumerable.Range(0, 100), table.Index);
        Assert.Equal([(1, 4), (2, 4), (3, 4), (4, 4)], groups);
        Assert.All(table.Split, s => Assert.Equal("test", s));
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(ClusteredEmbeddings.ClassNames[table.Labels[i]], table.ClassNames[i]));
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(ClusteredEmbeddings.SuperclassOfClass[table.Labels[i]], table.Superclasses[i]));
        Assert.Contains(table.Features, v => v != 0);
    }

    [Fact]
    public void Feature_columns_are_f_and_digits_only()
    {
        Assert.True(EmbeddingsTable.IsFeature("f000"));
        Assert.True(EmbeddingsTable.IsFeature("f511"));
        Assert.False(EmbeddingsTable.IsFeature("f"));
        Assert.False(EmbeddingsTable.IsFeature("feature"));
        Assert.False(EmbeddingsTable.IsFeature("split"));
    }

    [Fact]
    public void A_stratified_sample_is_class_balanced_sorted_and_seeded()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i % 10).ToArray();

        var sample = StratifiedSample.Rows(labels, 100, seed: 5);

        Assert.Equal(100, sample.Length);
        Assert.All(sample.GroupBy(r => labels[r]), g => Assert.Equal(10, g.Count()));
        Assert.Equal(sample.Order(), sample);
        Assert.Equal(sample, StratifiedSample.Rows(labels, 100, seed: 5));
        Assert.NotEqual(sample, StratifiedSample.Rows(labels, 100, seed: 6));
        Assert.Equal(1000, StratifiedSample.Rows(labels, null, seed: 5).Length);
        Assert.Equal(1000, StratifiedSample.Rows(labels, 5000, seed: 5).Length);
    }
}
