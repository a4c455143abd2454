namespace Pipeline.Ml.Eval;

/// <summary>Counts of (true label, predicted label) pairs, with accuracy overall and per class.</summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] counts;

    /// <summary>An empty matrix over <paramref name="classCount"/> classes.</summary>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ClassCount = classCount;
        counts = new long[classCount, classCount];
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Number of predictions counted.</summary>
    public long Total { get; private set; }

    /// <summary>Number of correct predictions.</summary>
    public long Correct { get; private set; }

    /// <summary>Fraction correct, 0 when empty.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>A matrix filled from paired <paramref name="labels"/> and <paramref name="predictions"/>.</summary>
    public static ConfusionMatrix From(ReadOnlySpan<long> labels, ReadOnlySpan<long> predictions, int classCount)
    {
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {predictions.Length} predictions", nameof(predictions));
        }
        var matrix = new ConfusionMatrix(classCount);
        for (var i = 0; i < labels.Length; i++)
        {
            matrix.Add((int)labels[i], (int)predictions[i]);
        }
        return matrix;
    }

    /// <summary>Counts one prediction.</summary>
    public void Add(int label, int predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, ClassCount);
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, ClassCount);
        counts[label, predicted]++;
        Total++;
        if (label == predicted)
        {
            Correct++;
        }
    }

    /// <summary>How often true class <paramref name="label"/> was predicted as <paramref name="predicted"/>.</summary>
    public long Count(int label, int predicted) => counts[label, predicted];

    /// <summary>How many samples have true class <paramref name="label"/>.</summary>
    public long Support(int label)
    {
        long sum = 0;
        for (var p = 0; p < ClassCount; p++)
        {
            sum += counts[label, p];
        }
        return sum;
    }

    /// <summary>Recall of class <paramref name="label"/> (correct / support), NaN when the class has no samples.</summary>
    public double ClassAccuracy(int label)
    {
        var support = Support(label);
        return support == 0 ? double.NaN : (double)counts[label, label] / support;
    }
}
