using Pipeline.Ml.Eval;

namespace Pipeline.Ml.Tests.Eval;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Counts_pairs_and_reports_per_class_recall()
    {
        long[] labels = [0, 0, 0, 1, 1, 2];
        long[] predicted = [0, 1, 0, 1, 1, 0];

        var matrix = ConfusionMatrix.From(labels, predicted, 3);

        Assert.Equal(6, matrix.Total);
        Assert.Equal(4, matrix.Correct);
        Assert.Equal(2, matrix.Count(0, 0));
        Assert.Equal(1, matrix.Count(0, 1));
        Assert.Equal(1, matrix.Count(2, 0));
        Assert.Equal(3, matrix.Support(0));
        Assert.Equal(2.0 / 3, matrix.ClassAccuracy(0), 12);
        Assert.Equal(1.0, matrix.ClassAccuracy(1), 12);
        Assert.Equal(0.0, matrix.ClassAccuracy(2), 12);
        Assert.Equal(4.0 / 6, matrix.Accuracy, 12);
    }

    [Fact]
    public void Support_weighted_class_accuracies_average_to_overall_accuracy()
    {
        var random = new Random(5);
        var labels = Enumerable.Range(0, 500).Select(_ => (long)random.Next(7)).ToArray();
        var predicted = labels.Select(l => random.NextDouble() < 0.6 ? l : random.Next(7)).ToArray();

        var matrix = ConfusionMatrix.From(labels, predicted, 7);

        var weighted = Enumerable.Range(0, 7).Where(c => matrix.Support(c) > 0).Sum(c => matrix.ClassAccuracy(c) * matrix.Support(c)) / matrix.Total;
        Assert.Equal(matrix.Accuracy, weighted, 12);
    }

    [Fact]
    public void A_class_without_samples_has_no_accuracy()
    {
        var matrix = ConfusionMatrix.From([0L], [0L], 2);

        Assert.True(double.IsNaN(matrix.ClassAccuracy(1)));
    }

    [Fact]
    public void Out_of_range_labels_are_rejected()
    {
        var matrix = new ConfusionMatrix(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(0, -1));
    }
}
