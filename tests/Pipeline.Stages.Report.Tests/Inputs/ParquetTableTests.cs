using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Report.Inputs;
using Pipeline.Stages.Report.Tests.Support;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Report.Tests.Inputs;

public sealed class ParquetTableTests
{
    [Fact]
    public async Task Numeric_and_string_columns_are_read_and_missing_ones_are_null()
    {
        using var temp = new TempDirectory("parquet-table");
        var path = temp.Combine("t.parquet");
        await ParquetFixture.WriteAsync(path, ("step", new long[] { 1, 2 }), ("epoch", new[] { 0, 1 }), ("name", new[] { "a", "b" }), ("ok", new[] { true, false }));

        var table = await ParquetTable.ReadAsync(path, CancellationToken.None);
        Assert.Equal(2, table.RowCount);
        Assert.Equal(new[] { 1.0, 2.0 }, table.Doubles("step")!);
        Assert.Equal(new[] { 0.0, 1.0 }, table.Doubles("epoch")!);
        Assert.Equal(new[] { 1.0, 0.0 }, table.Doubles("ok")!);
        Assert.Equal(new[] { "a", "b" }, table.Strings("name")!.Select(v => v ?? "<null>"));
        Assert.Null(table.Doubles("name"));
        Assert.Null(table.Doubles("loss"));
    }

    [Fact]
    public async Task Nullable_columns_read_nulls_as_nan()
    {
        using var temp = new TempDirectory("parquet-table");
        var path = temp.Combine("n.parquet");
        var field = new DataField<double?>("loss");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(field, new double?[] { 1.5, null, 2.5 }.AsMemory());
        }

        var table = await ParquetTable.ReadAsync(path, CancellationToken.None);
        var loss = table.Doubles("loss")!;
        Assert.Equal(1.5, loss[0]);
        Assert.True(double.IsNaN(loss[1]));
        Assert.Equal(2.5, loss[2]);
    }
}
