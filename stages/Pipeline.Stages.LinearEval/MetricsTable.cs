using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// The <c>metrics</c> output. <c>metrics.parquet</c> has one row per (model, class): <c>model</c> (string:
/// pretrained, baseline or pixel), <c>class_name</c> (string), <c>support</c> (int64, test images of the class),
/// <c>correct</c> (int64) and <c>accuracy</c> (double, correct / support; NaN without support).
/// <c>summary.json</c> maps every summary metric key (as logged, e.g. <c>test_top1</c>, <c>baseline_knn_top1</c>) to its value.
/// </summary>
public static class MetricsTable
{
    /// <summary>The per-class table.</summary>
    public const string FileName = "metrics.parquet";

    /// <summary>The summary metrics.</summary>
    public const string SummaryFileName = "summary.json";

    private static readonly JsonSerializerOptions SummaryJson = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The columns in file order.</summary>
    public static ParquetSchema Schema { get; } = new(
        new DataField<string>("model"),
        new DataField<string>("class_name"),
        new DataField<long>("support"),
        new DataField<long>("correct"),
        new DataField<double>("accuracy"));

    internal static async Task WriteAsync(string directory, IReadOnlyList<ProbeOutcome> outcomes, IReadOnlyList<string> classNames, CancellationToken cancellationToken)
    {
        var models = new List<string>();
        var names = new List<string>();
        var support = new List<long>();
        var correct = new List<long>();
        var accuracy = new List<double>();
        foreach (var outcome in outcomes)
        {
            for (var c = 0; c < classNames.Count; c++)
            {
                models.Add(outcome.Variant.Name);
                names.Add(classNames[c]);
                support.Add(outcome.Confusion.Support(c));
                correct.Add(outcome.Confusion.Count(c, c));
                accuracy.Add(outcome.Confusion.ClassAccuracy(c));
            }
        }

        var fields = Schema.DataFields;
        await AtomicFile.WriteAsync(Path.Combine(directory, FileName), async stream =>
        {
            await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], models).ConfigureAwait(false);
            await group.WriteAsync(fields[1], names).ConfigureAwait(false);
            await group.WriteAsync<long>(fields[2], support.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(fields[3], correct.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(fields[4], accuracy.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    internal static void WriteSummary(string directory, IReadOnlyDictionary<string, double> summary)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, SummaryFileName), JsonSerializer.Serialize(summary, SummaryJson) + "\n");
    }
}
