namespace Pipeline.Tsne.Tests.Quality;

public class EmbeddingQualityTests
{
    [Fact]
    public void Identity_map_is_perfectly_trustworthy()
    {
        float[] x = TestData.Uniform(120, 8, 1, seed: 1);
        Assert.Equal(1.0, EmbeddingQuality.Trustworthiness(x, 120, 8, x, 8, k: 10));
    }

    [Fact]
    public void Random_map_matches_brute_force_and_is_near_one_half()
    {
        const int n = 150, d = 10, lowDim = 2, k = 10;
        float[] high = TestData.Uniform(n, d, 1, seed: 2);
        float[] low = TestData.Uniform(n, lowDim, 1, seed: 3);
        double expected = BruteForceTrustworthiness(high, d, low, lowDim, n, k);
        double actual = EmbeddingQuality.Trustworthiness(high, n, d, low, lowDim, k);
        Assert.Equal(expected, actual, 1e-12);
        Assert.InRange(actual, 0.45, 0.65);
    }

    [Fact]
    public void Structured_map_matches_brute_force()
    {
        const int n = 90, d = 5, k = 7;
        float[] high = TestData.Uniform(n, d, 1, seed: 4);
        // Keep the first two coordinates: a partly trustworthy projection.
        float[] low = Enumerable.Range(0, n).SelectMany(i => new[] { high[i * d], high[i * d + 1] }).ToArray();
        Assert.Equal(BruteForceTrustworthiness(high, d, low, 2, n, k), EmbeddingQuality.Trustworthiness(high, n, d, low, 2, k), 1e-12);
    }

    [Fact]
    public void Knn_accuracy_matches_a_hand_computed_vote()
    {
        // Points on a line: labels 0 0 0 1 1 1 at x = 0 1 2 10 11 30.
        float[] x = [0, 1, 2, 10, 11, 30];
        int[] labels = [0, 0, 0, 1, 1, 1];
        // k = 2: every point's two nearest share its label except x = 30, whose neighbours are 11 (label 1) and 10 (label 1).
        Assert.Equal(1.0, EmbeddingQuality.KnnAccuracy(x, 6, 1, labels, k: 2));
        // k = 3: x = 10 sees 11 (1), 2 (0), 1 (0) -> 0; x = 11 sees 10 (1), 2 (0), 1 (0) -> 0; x = 30 sees 11, 10, 2 -> 1.
        Assert.Equal(4 / 6.0, EmbeddingQuality.KnnAccuracy(x, 6, 1, labels, k: 3), 1e-12);
    }

    [Fact]
    public void Knn_accuracy_tie_goes_to_the_nearest_label()
    {
        // k = 2 at x = 5: neighbours 4 (label 1) and 7 (label 0): a 1-1 tie won by the nearer label 1.
        float[] x = [5, 4, 7, 100];
        int[] labels = [1, 1, 0, 0];
        double accuracy = EmbeddingQuality.KnnAccuracy(x, 4, 1, labels, k: 2);
        // x=5: tie -> 1 (correct). x=4: 5 (1), 7 (0) -> 1 (correct). x=7: 5 (1), 4 (1) -> 1 (wrong). x=100: 7 (0), 5 (1) -> 0 (correct).
        Assert.Equal(0.75, accuracy, 1e-12);
    }

    /// <summary>sklearn.manifold.trustworthiness written out: full argsort of input distances, ranks from 1.</summary>
    private static double BruteForceTrustworthiness(float[] high, int d, float[] low, int lowDim, int n, int k)
    {
        double Distance(float[] x, int dim, int i, int j) => Enumerable.Range(0, dim).Sum(c => Math.Pow((double)x[i * dim + c] - x[j * dim + c], 2));
        double penalty = 0;
        for (int i = 0; i < n; i++)
        {
            int row = i;
            var order = Enumerable.Range(0, n).Where(j => j != row).OrderBy(j => Distance(high, d, row, j)).ToList();
            var rank = new int[n];
            for (int r = 0; r < order.Count; r++)
            {
                rank[order[r]] = r + 1;
            }

            var embedded = Enumerable.Range(0, n).Where(j => j != row).OrderBy(j => Distance(low, lowDim, row, j)).Take(k);
            penalty += embedded.Sum(j => Math.Max(0, rank[j] - k));
        }

        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
    }
}
