namespace Pipeline.Stages.Report.Model;

/// <summary>Counts of (true label, predicted label), computed from predictions.parquet.</summary>
internal sealed record ConfusionMatrix(IReadOnlyList<string> ClassNames, int[,] Counts)
{
    /// <summary>Number of predictions.</summary>
    public int Total
    {
        get
        {
            var total = 0;
            foreach (var count in Counts)
            {
                total += count;
            }

            return total;
        }
    }

    /// <summary>Fraction on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            var correct = 0;
            for (var i = 0; i < ClassNames.Count; i++)
            {
                correct += Counts[i, i];
            }

            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>Predictions with true label <paramref name="row"/>.</summary>
    public int RowTotal(int row) => Enumerable.Range(0, ClassNames.Count).Sum(c => Counts[row, c]);
}
