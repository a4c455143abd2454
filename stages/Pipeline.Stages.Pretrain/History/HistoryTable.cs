using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Pretrain.History;

/// <summary>
/// Writes and reads <c>history.parquet</c>: columns step (int64), epoch (int32), loss, lr (double), one row per
/// optimiser step and one row group per epoch; plain Parquet that pandas, pyarrow and DuckDB read. Wall-clock
/// figures (images/s) are left out so the file is the same bytes every time the same key runs: downstream stages
/// digest it (docs/caching.md). They are in MLflow (<c>images_per_second_step</c>, <c>images_per_second</c>).
/// </summary>
public static class HistoryTable
{
    /// <summary>The file name inside the <c>history</c> output.</summary>
    public const string FileName = "history.parquet";

    private static readonly DataField<long> StepField = new("step");
    private static readonly DataField<int> EpochField = new("epoch");
    private static readonly DataField<double> LossField = new("loss");
    private static readonly DataField<double> LrField = new("lr");

    /// <summary>The schema, in column order.</summary>
    public static ParquetSchema Schema { get; } = new(StepField, EpochField, LossField, LrField);

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically, a row group per epoch.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<HistoryRow> rows, CancellationToken cancellationToken = default)
    {
        await AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var group in rows.GroupBy(r => r.Epoch))
            {
                var epoch = group.ToArray();
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync<long>(StepField, epoch.Select(r => r.Step).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.WriteAsync<int>(EpochField, epoch.Select(r => r.Epoch).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.WriteAsync<double>(LossField, epoch.Select(r => r.Loss).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.WriteAsync<double>(LrField, epoch.Select(r => r.Lr).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Reads every row of <paramref name="path"/>; <see cref="HistoryRow.ImagesPerSecond"/> is NaN (not stored).</summary>
    public static async Task<IReadOnlyList<HistoryRow>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var rows = new List<HistoryRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var step = new long[n];
            var epoch = new int[n];
            var loss = new double[n];
            var lr = new double[n];
            await group.ReadAsync<long>(StepField, step, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<int>(EpochField, epoch, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<double>(LossField, loss, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<double>(LrField, lr, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                rows.Add(new HistoryRow(step[i], epoch[i], loss[i], lr[i], double.NaN));
            }
        }
        return rows;
    }
}
