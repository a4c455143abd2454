using Pipeline.Ml.Eval;

namespace Pipeline.Stages.LinearEval;

/// <summary>What probing one <see cref="ProbeVariant"/> gave: the trained probe, test predictions and every summary number.</summary>
internal sealed class ProbeOutcome : IDisposable
{
    public required ProbeVariant Variant { get; init; }

    public required LinearProbeResult Probe { get; init; }

    public required int FeatureDimension { get; init; }

    /// <summary>Predicted class of every test image, in test order.</summary>
    public required long[] Predictions { get; init; }

    public required ConfusionMatrix Confusion { get; init; }

    public required double TestTop1 { get; init; }

    public required double TestTop5 { get; init; }

    public required double KnnTop1 { get; init; }

    /// <summary>Every summary metric of this outcome, keyed as logged (prefix included), in a stable order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> SummaryMetrics(IReadOnlyList<string> classNames)
    {
        var prefix = Variant.Prefix;
        var metrics = new List<KeyValuePair<string, double>>
        {
            new($"{prefix}test_top1", TestTop1),
            new($"{prefix}test_top5", TestTop5),
            new($"{prefix}knn_top1", KnnTop1),
            new($"{prefix}best_epoch", Probe.BestEpoch),
        };
        for (var c = 0; c < classNames.Count; c++)
        {
            var accuracy = Confusion.ClassAccuracy(c);
            if (!double.IsNaN(accuracy))
            {
                metrics.Add(new($"{prefix}test_acc_{MetricKeys.Sanitize(classNames[c])}", accuracy));
            }
        }
        return metrics;
    }

    public void Dispose() => Probe.Dispose();
}
