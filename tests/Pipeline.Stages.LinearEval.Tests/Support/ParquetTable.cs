using Parquet;
using Parquet.Schema;

namespace Pipeline.Stages.LinearEval.Tests.Support;

/// <summary>A whole small Parquet file read back column by column with Parquet.Net.</summary>
internal sealed class ParquetTable
{
    private readonly Dictionary<string, List<object?>> columns = [];

    public IReadOnlyList<string> ColumnNames { get; private set; } = [];

    public long RowCount { get; private set; }

    public static async Task<ParquetTable> ReadAsync(string path)
    {
        var table = new ParquetTable();
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.DataFields;
        table.ColumnNames = fields.Select(f => f.Name).ToList();
        foreach (var field in fields)
        {
            table.columns[field.Name] = [];
        }
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            table.RowCount += rows;
            foreach (var field in fields)
            {
                table.columns[field.Name].AddRange(await ReadColumnAsync(group, field, rows));
            }
        }
        return table;
    }

    public IReadOnlyList<T> Column<T>(string name) => columns[name].Select(v => (T)v!).ToList();

    private static async Task<IEnumerable<object?>> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[rows];
            await group.ReadAsync(field, values.AsMemory());
            return values;
        }
        if (field.ClrType == typeof(int))
        {
            var values = new int[rows];
            await group.ReadAsync<int>(field, values.AsMemory());
            return values.Cast<object?>();
        }
        if (field.ClrType == typeof(long))
        {
            var values = new long[rows];
            await group.ReadAsync<long>(field, values.AsMemory());
            return values.Cast<object?>();
        }
        if (field.ClrType == typeof(double))
        {
            var values = new double[rows];
            await group.ReadAsync<double>(field, values.AsMemory());
            return values.Cast<object?>();
        }
        if (field.ClrType == typeof(bool))
        {
            var values = new bool[rows];
            await group.ReadAsync<bool>(field, values.AsMemory());
            return values.Cast<object?>();
        }
        throw new NotSupportedException($"column {field.Name} has type {field.ClrType}");
    }
}
