namespace Pipeline.Stages.Report.Model;

/// <summary>Pretraining history columns; a column the file lacks is null.</summary>
internal sealed record TrainingHistory(
    int Rows,
    double[]? Step,
    double[]? Epoch,
    double[]? Loss,
    double[]? LearningRate,
    double[]? ImagesPerSecond)
{
    /// <summary>Mean loss per epoch, in epoch order; empty without epoch or loss columns.</summary>
    public IReadOnlyList<(double Epoch, double MeanLoss, int Steps)> LossPerEpoch()
    {
        if (Epoch is null || Loss is null)
        {
            return [];
        }

        return Epoch.Zip(Loss)
            .Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second))
            .GroupBy(p => p.First)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Average(p => p.Second), g.Count()))
            .ToList();
    }

    /// <summary>The x values for per-step charts: the step column, else the row index.</summary>
    public double[] StepAxis() => Step ?? Enumerable.Range(0, Rows).Select(i => (double)i).ToArray();
}
