using Parquet;
using Parquet.Schema;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Writes tiny Parquet files from named columns (long, int, double, bool or string arrays) in one row group.</summary>
public static class ParquetFixture
{
    public static async Task WriteAsync(string path, params (string Name, Array Values)[] columns)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fields = columns.Select(c => new DataField(c.Name, c.Values.GetType().GetElementType()!, isNullable: false)).ToArray();
        var schema = new ParquetSchema(fields);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < columns.Length; i++)
        {
            var field = fields[i];
            switch (columns[i].Values)
            {
                case long[] longs:
                    await group.WriteAsync<long>(field, longs.AsMemory());
                    break;
                case int[] ints:
                    await group.WriteAsync<int>(field, ints.AsMemory());
                    break;
                case double[] doubles:
                    await group.WriteAsync<double>(field, doubles.AsMemory());
                    break;
                case bool[] flags:
                    await group.WriteAsync<bool>(field, flags.AsMemory());
                    break;
                case string[] strings:
                    await group.WriteAsync(field, strings);
                    break;
                default:
                    throw new NotSupportedException(columns[i].Values.GetType().Name);
            }
        }
    }
}
