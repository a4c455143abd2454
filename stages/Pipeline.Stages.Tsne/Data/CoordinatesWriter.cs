using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Tsne.Data;

/// <summary>
/// Writes <c>coordinates.parquet</c>: index (int), split, label (int), class_name, superclass, x, y and, for a 3-D map only,
/// z (float). A 2-D map has no z column at all (not a column of nulls), so readers can tell the dimension from the schema.
/// </summary>
public static class CoordinatesWriter
{
    /// <summary>The file inside the <c>coordinates</c> output.</summary>
    public const string FileName = "coordinates.parquet";

    /// <summary>Names of the coordinate columns, in order.</summary>
    public static IReadOnlyList<string> AxisNames { get; } = ["x", "y", "z"];

    /// <summary>The schema for a map of <paramref name="components"/> dimensions (2 or 3).</summary>
    public static ParquetSchema SchemaFor(int components)
    {
        var fields = new List<Field>
        {
            new DataField<int>(EmbeddingsTable.Index.Name),
            new DataField<string>(EmbeddingsTable.Split.Name),
            new DataField<int>(EmbeddingsTable.Label.Name),
            new DataField<string>(EmbeddingsTable.ClassName.Name),
            new DataField<string>(EmbeddingsTable.Superclass.Name),
        };
        fields.AddRange(AxisNames.Take(components).Select(name => new DataField<float>(name)));
        return new ParquetSchema(fields);
    }

    /// <summary>Writes the rows of <paramref name="table"/> with their map positions (<paramref name="embedding"/>: N x components, row-major), atomically.</summary>
    public static Task WriteAsync(string path, EmbeddingTable table, float[] embedding, int components, CancellationToken cancellationToken = default)
    {
        if (embedding.Length != (long)table.Count * components)
        {
            throw new ArgumentException($"embedding must hold {table.Count} x {components} values, got {embedding.Length}", nameof(embedding));
        }

        var schema = SchemaFor(components);
        var fields = schema.GetDataFields();
        return AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], table.Index, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(fields[1], table.Split).ConfigureAwait(false);
            await group.WriteAsync<int>(fields[2], table.Labels, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(fields[3], table.ClassNames).ConfigureAwait(false);
            await group.WriteAsync(fields[4], table.Superclasses).ConfigureAwait(false);
            for (var axis = 0; axis < components; axis++)
            {
                var values = new float[table.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = embedding[(i * components) + axis];
                }

                await group.WriteAsync<float>(fields[5 + axis], values, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        });
    }
}
