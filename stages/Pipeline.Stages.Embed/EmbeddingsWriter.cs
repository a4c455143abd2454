using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Embed;

/// <summary>
/// Streams rows of <see cref="EmbeddingsTable"/> into a Parquet file, one row group per call of
/// <see cref="WriteBatchAsync"/>, so only one batch is ever held in memory. The file is written under a temporary
/// name and renamed into place by <see cref="CompleteAsync"/>; disposing without completing deletes it.
/// </summary>
public sealed class EmbeddingsWriter : IAsyncDisposable
{
    private readonly string path;
    private readonly string temp;
    private readonly FileStream stream;
    private readonly ParquetWriter writer;
    private readonly DataField[] fields;
    private bool completed;

    private EmbeddingsWriter(string path, string temp, FileStream stream, ParquetWriter writer, int dimension, DataField[] fields)
    {
        this.path = path;
        this.temp = temp;
        this.stream = stream;
        this.writer = writer;
        this.fields = fields;
        Dimension = dimension;
    }

    /// <summary>Feature columns per row.</summary>
    public int Dimension { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Row groups written so far.</summary>
    public int RowGroups { get; private set; }

    /// <summary>Starts a file at <paramref name="path"/> for <paramref name="dimension"/> features.</summary>
    public static async Task<EmbeddingsWriter> CreateAsync(string path, int dimension, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = AtomicFile.TempPathFor(full);
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
        try
        {
            var schema = EmbeddingsTable.Schema(dimension);
            var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new EmbeddingsWriter(full, temp, stream, writer, dimension, schema.DataFields);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes one row group.</summary>
    /// <param name="indices">Position of each image in its split.</param>
    /// <param name="split">The split of every row.</param>
    /// <param name="labels">Label of each image, -1 when unknown.</param>
    /// <param name="classNames">Class name of each image ("" when unknown).</param>
    /// <param name="superclasses">Superclass of each image ("" when unknown).</param>
    /// <param name="features">Row-major features, rows x <see cref="Dimension"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task WriteBatchAsync(int[] indices, string split, int[] labels, string[] classNames, string[] superclasses, float[] features, CancellationToken cancellationToken = default)
    {
        var rows = indices.Length;
        if (labels.Length != rows || classNames.Length != rows || superclasses.Length != rows || features.Length != (long)rows * Dimension)
        {
            throw new ArgumentException($"a batch of {rows} rows needs {rows} labels, class names and superclasses and {rows * Dimension} feature values");
        }
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(fields[0], indices, cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(fields[1], Enumerable.Repeat(split, rows).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[2], labels, cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(fields[3], classNames).ConfigureAwait(false);
        await group.WriteAsync(fields[4], superclasses).ConfigureAwait(false);
        var column = new float[rows];
        for (var d = 0; d < Dimension; d++)
        {
            for (var r = 0; r < rows; r++)
            {
                column[r] = features[(r * Dimension) + d];
            }
            await group.WriteAsync<float>(fields[5 + d], column, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        Rows += rows;
        RowGroups++;
    }

    /// <summary>Finishes the file (footer), flushes it to disk and renames it into place.</summary>
    public async Task CompleteAsync()
    {
        await writer.DisposeAsync().ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
        await stream.DisposeAsync().ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        completed = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (completed)
        {
            return;
        }
        await writer.DisposeAsync().ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
        File.Delete(temp);
    }
}
