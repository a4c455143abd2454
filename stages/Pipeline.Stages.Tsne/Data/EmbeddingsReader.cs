using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Tsne.Data;

/// <summary>
/// Reads <c>embeddings.parquet</c> row group by row group into one <see cref="EmbeddingTable"/>. The feature count is
/// read from the schema (every <c>fNNN</c> column, in numeric order); int and float columns may be 32- or 64-bit, required or nullable.
/// </summary>
public static class EmbeddingsReader
{
    /// <summary>Reads the whole table; <paramref name="onRowGroup"/> is told (row groups done, row groups in all).</summary>
    public static async Task<EmbeddingTable> ReadAsync(string path, Action<int, int>? onRowGroup = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new StageFailedException($"{path} does not exist: the embeddings input must hold {EmbeddingsTable.FileName} (written by the embed stage)");
        }

        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var index = Required(fields, EmbeddingsTable.Index.Name, path);
        var label = Required(fields, EmbeddingsTable.Label.Name, path);
        var className = Required(fields, EmbeddingsTable.ClassName.Name, path);
        var split = Optional(fields, EmbeddingsTable.Split.Name);
        var superclass = Optional(fields, EmbeddingsTable.Superclass.Name);
        var features = fields
            .Where(f => EmbeddingsTable.IsFeature(f.Name))
            .OrderBy(f => int.Parse(f.Name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        if (features.Length == 0)
        {
            throw new StageFailedException($"{path} has no feature columns (f000, f001, ...); its columns are: {string.Join(", ", fields.Select(f => f.Name))}");
        }

        var total = 0L;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            total += reader.OpenRowGroupReader(g).RowCount;
        }

        var dimensions = features.Length;
        if (total * dimensions > Array.MaxLength)
        {
            throw new StageFailedException($"{path} has {total} rows of {dimensions} features, too many to hold in one array; set max_points to embed a sample");
        }

        var count = (int)total;
        var table = new Columns(count, dimensions);
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            await ParquetColumns.ReadIntsAsync(group, index, table.Index.AsMemory(offset, rows), cancellationToken).ConfigureAwait(false);
            await ParquetColumns.ReadIntsAsync(group, label, table.Labels.AsMemory(offset, rows), cancellationToken).ConfigureAwait(false);
            await ParquetColumns.ReadStringsAsync(group, className, table.ClassNames.AsMemory(offset, rows), cancellationToken).ConfigureAwait(false);
            if (split is not null)
            {
                await ParquetColumns.ReadStringsAsync(group, split, table.Split.AsMemory(offset, rows), cancellationToken).ConfigureAwait(false);
            }

            if (superclass is not null)
            {
                await ParquetColumns.ReadStringsAsync(group, superclass, table.Superclasses.AsMemory(offset, rows), cancellationToken).ConfigureAwait(false);
            }

            var column = new float[rows];
            for (var j = 0; j < dimensions; j++)
            {
                await ParquetColumns.ReadFloatsAsync(group, features[j], column, path, cancellationToken).ConfigureAwait(false);
                for (var r = 0; r < rows; r++)
                {
                    table.Features[((long)(offset + r) * dimensions) + j] = column[r];
                }
            }

            offset += rows;
            onRowGroup?.Invoke(g + 1, reader.RowGroupCount);
        }

        return new EmbeddingTable(count, dimensions, table.Index, table.Split, table.Labels, table.ClassNames, table.Superclasses, table.Features);
    }

    private static DataField Required(DataField[] fields, string name, string path) =>
        Optional(fields, name) ?? throw new StageFailedException(
            $"{path} has no '{name}' column; expected {EmbeddingsTable.Index.Name}, {EmbeddingsTable.Label.Name}, {EmbeddingsTable.ClassName.Name} and f000.. (found: {string.Join(", ", fields.Select(f => f.Name).Take(12))}{(fields.Length > 12 ? ", ..." : string.Empty)})");

    private static DataField? Optional(DataField[] fields, string name) =>
        fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    private sealed class Columns(int count, int dimensions)
    {
        public int[] Index { get; } = new int[count];

        public string[] Split { get; } = Enumerable.Repeat(string.Empty, count).ToArray();

        public int[] Labels { get; } = new int[count];

        public string[] ClassNames { get; } = new string[count];

        public string[] Superclasses { get; } = Enumerable.Repeat(string.Empty, count).ToArray();

        public float[] Features { get; } = new float[(long)count * dimensions];
    }
}
