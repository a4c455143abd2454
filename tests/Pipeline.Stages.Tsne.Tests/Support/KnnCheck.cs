namespace Pipeline.Stages.Tsne.Tests.Support;

/// <summary>A plain leave-one-out k-NN label accuracy, written here so the test does not trust the library it checks.</summary>
public static class KnnCheck
{
    public static double Accuracy(float[][] points, int[] labels, int k = 10)
    {
        var correct = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var neighbours = Enumerable.Range(0, points.Length)
                .Where(j => j != i)
                .OrderBy(j => points[i].Zip(points[j], (a, b) => (a - b) * (a - b)).Sum())
                .Take(k);
            var vote = neighbours.GroupBy(j => labels[j]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            correct += vote == labels[i] ? 1 : 0;
        }

        return (double)correct / points.Length;
    }
}
