using Parquet;
using Parquet.Schema;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>
/// A small Parquet file read whole into memory, column by column, with every value boxed. Only flat columns of
/// primitive types and strings are kept; others are listed in <see cref="SkippedColumns"/>. The report reads files
/// that other stages are still evolving, so lookups by name return null instead of throwing.
/// </summary>
internal sealed class ParquetTable
{
    private readonly Dictionary<string, object?[]> _columns;

    private ParquetTable(IReadOnlyList<string> names, Dictionary<string, object?[]> columns, IReadOnlyList<string> skipped, int rowCount)
    {
        ColumnNames = names;
        _columns = columns;
        SkippedColumns = skipped;
        RowCount = rowCount;
    }

    /// <summary>Readable columns in schema order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Columns that were nested or of an unsupported type.</summary>
    public IReadOnlyList<string> SkippedColumns { get; }

    /// <summary>Rows in the file.</summary>
    public int RowCount { get; }

    /// <summary>Reads <paramref name="path"/> whole.</summary>
    public static async Task<ParquetTable> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var readable = fields.Where(f => !f.IsArray && f.Path.ToList().Count == 1 && IsSupported(f.ClrType)).ToList();
        var skipped = fields.Except(readable).Select(f => f.Name).ToList();
        var parts = readable.ToDictionary(f => f.Name, _ => new List<object?>());
        var rows = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            rows += count;
            foreach (var field in readable)
            {
                parts[field.Name].AddRange(await ReadColumnAsync(group, field, count, cancellationToken).ConfigureAwait(false));
            }
        }

        return new ParquetTable(
            readable.Select(f => f.Name).ToList(),
            parts.ToDictionary(p => p.Key, p => p.Value.ToArray()),
            skipped,
            rows);
    }

    /// <summary>True when the file has a readable column <paramref name="name"/>.</summary>
    public bool Has(string name) => _columns.ContainsKey(name);

    /// <summary>The raw values of <paramref name="name"/>, or null when absent.</summary>
    public object?[]? Values(string name) => _columns.GetValueOrDefault(name);

    /// <summary>The column as doubles (NaN for nulls and non-numbers), or null when absent or not numeric.</summary>
    public double[]? Doubles(string name)
    {
        var values = Values(name);
        if (values is null || values.Any(v => v is string))
        {
            return null;
        }

        return values.Select(ToDouble).ToArray();
    }

    /// <summary>The column as strings (invariant culture), or null when absent.</summary>
    public string?[]? Strings(string name) =>
        Values(name)?.Select(v => v switch
        {
            null => null,
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }).ToArray();

    /// <summary>True when the column holds numbers.</summary>
    public bool IsNumeric(string name) => Values(name) is { } values && values.All(v => v is null || IsNumber(v));

    /// <summary>A value as double: numbers and booleans (1/0); NaN otherwise.</summary>
    public static double ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        decimal m => (double)m,
        bool flag => flag ? 1 : 0,
        _ => double.NaN,
    };

    private static bool IsNumber(object value) => !double.IsNaN(ToDouble(value)) || value is double or float;

    // Parquet.Net 6 describes UTF-8 columns as ReadOnlyMemory<char>; they are read through the string overload.
    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static bool IsSupported(Type type) =>
        IsText(type) || type == typeof(double) || type == typeof(float) || type == typeof(long) ||
        type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) ||
        type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(bool) ||
        type == typeof(decimal);

    private static async Task<object?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (IsText(type))
        {
            var strings = new string?[count];
            await group.ReadAsync(field, strings.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return [.. strings];
        }

        return type switch
        {
            _ when type == typeof(double) => await ReadStructAsync<double>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(float) => await ReadStructAsync<float>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(long) => await ReadStructAsync<long>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(int) => await ReadStructAsync<int>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(short) => await ReadStructAsync<short>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(byte) => await ReadStructAsync<byte>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(sbyte) => await ReadStructAsync<sbyte>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(ushort) => await ReadStructAsync<ushort>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(uint) => await ReadStructAsync<uint>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(ulong) => await ReadStructAsync<ulong>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(bool) => await ReadStructAsync<bool>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(decimal) => await ReadStructAsync<decimal>(group, field, count, cancellationToken).ConfigureAwait(false),
            _ => new object?[count],
        };
    }

    private static async Task<object?[]> ReadStructAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[count];
            await group.ReadAsync(field, nullable.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return nullable.Select(v => v.HasValue ? (object)v.Value : null).ToArray();
        }

        var values = new T[count];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        return values.Select(v => (object?)v).ToArray();
    }
}
