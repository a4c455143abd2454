using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Tsne.Data;

/// <summary>Reads one column of a row group into a typed buffer, whatever integer or float width and nullability the writer chose.</summary>
internal static class ParquetColumns
{
    public static async Task ReadIntsAsync(ParquetRowGroupReader group, DataField field, Memory<int> target, CancellationToken cancellationToken)
    {
        var rows = target.Length;
        if (field.ClrType == typeof(int) && !field.IsNullable)
        {
            await group.ReadAsync(field, target, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (field.ClrType == typeof(int))
        {
            var values = new int?[rows];
            await group.ReadAsync<int>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            Copy(values, target.Span, field.Name);
            return;
        }

        if (field.ClrType == typeof(long))
        {
            var values = new long?[rows];
            if (field.IsNullable)
            {
                await group.ReadAsync<long>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var raw = new long[rows];
                await group.ReadAsync<long>(field, raw, cancellationToken: cancellationToken).ConfigureAwait(false);
                values = [.. raw.Select(v => (long?)v)];
            }

            var span = target.Span;
            for (var i = 0; i < rows; i++)
            {
                span[i] = checked((int)(values[i] ?? throw Missing(field.Name, i)));
            }

            return;
        }

        throw new StageFailedException($"column '{field.Name}' holds {field.ClrType.Name}; expected a 32- or 64-bit integer");
    }

    public static async Task ReadFloatsAsync(ParquetRowGroupReader group, DataField field, float[] target, string path, CancellationToken cancellationToken)
    {
        var rows = target.Length;
        if (field.ClrType == typeof(float) && !field.IsNullable)
        {
            await group.ReadAsync<float>(field, target, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (field.ClrType == typeof(float))
        {
            var values = new float?[rows];
            await group.ReadAsync<float>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                target[i] = values[i] ?? throw Missing(field.Name, i);
            }

            return;
        }

        if (field.ClrType == typeof(double))
        {
            var values = new double?[rows];
            if (field.IsNullable)
            {
                await group.ReadAsync<double>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var raw = new double[rows];
                await group.ReadAsync<double>(field, raw, cancellationToken: cancellationToken).ConfigureAwait(false);
                values = [.. raw.Select(v => (double?)v)];
            }

            for (var i = 0; i < rows; i++)
            {
                target[i] = (float)(values[i] ?? throw Missing(field.Name, i));
            }

            return;
        }

        throw new StageFailedException($"{path}: feature column '{field.Name}' holds {field.ClrType.Name}; expected float or double");
    }

    public static async Task ReadStringsAsync(ParquetRowGroupReader group, DataField field, Memory<string> target, CancellationToken cancellationToken)
    {
        var values = new string?[target.Length];
        await group.ReadAsync(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
        var span = target.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = values[i] ?? string.Empty;
        }
    }

    private static void Copy(int?[] values, Span<int> target, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = values[i] ?? throw Missing(name, i);
        }
    }

    private static StageFailedException Missing(string column, int row) =>
        new($"column '{column}' has a null at row {row} of its row group; the embeddings table must have no missing values");
}
