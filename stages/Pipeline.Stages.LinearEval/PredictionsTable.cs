using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// <c>predictions.parquet</c>: one row per test image in test order with <c>index</c> (int32, position in the test
/// split), <c>label</c> (int32), <c>predicted</c> (int32), <c>class_name</c> (string, the true class) and
/// <c>correct</c> (bool).
/// </summary>
public static class PredictionsTable
{
    /// <summary>The file name.</summary>
    public const string FileName = "predictions.parquet";

    /// <summary>The columns in file order.</summary>
    public static ParquetSchema Schema { get; } = new(
        new DataField<int>("index"),
        new DataField<int>("label"),
        new DataField<int>("predicted"),
        new DataField<string>("class_name"),
        new DataField<bool>("correct"));

    /// <summary>Writes the table to <paramref name="path"/> atomically (one row group).</summary>
    public static Task WriteAsync(string path, IReadOnlyList<long> labels, IReadOnlyList<long> predicted, IReadOnlyList<string> classNames, CancellationToken cancellationToken = default)
    {
        if (labels.Count != predicted.Count)
        {
            throw new ArgumentException($"{labels.Count} labels but {predicted.Count} predictions", nameof(predicted));
        }
        var fields = Schema.DataFields;
        return AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], Enumerable.Range(0, labels.Count).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<int>(fields[1], labels.Select(l => (int)l).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<int>(fields[2], predicted.Select(p => (int)p).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(fields[3], labels.Select(l => classNames[(int)l]).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<bool>(fields[4], labels.Zip(predicted, (l, p) => l == p).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        });
    }
}
