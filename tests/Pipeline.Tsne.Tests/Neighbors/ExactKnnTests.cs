using Pipeline.Tsne.Neighbors;

namespace Pipeline.Tsne.Tests.Neighbors;

public class ExactKnnTests
{
    [Theory]
    [InlineData(103, 37, 7)]
    [InlineData(64, 3, 10)]
    [InlineData(9, 1, 8)]
    public void Neighbours_match_brute_force_in_double(int n, int d, int k)
    {
        float[] x = TestData.Uniform(n, d, 10, seed: n);
        var result = ExactKnn.Search(x, n, d, k, 2, CancellationToken.None);
        for (int i = 0; i < n; i++)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i)
                .Select(j => (J: j, D: Enumerable.Range(0, d).Sum(c => Math.Pow((double)x[i * d + c] - x[j * d + c], 2))))
                .OrderBy(t => t.D).ThenBy(t => t.J).Take(k).ToArray();
            for (int m = 0; m < k; m++)
            {
                Assert.Equal(expected[m].J, result.Indices[i * k + m]);
                Assert.Equal(expected[m].D, result.SquaredDistances[i * k + m], 1e-4 * Math.Max(1, expected[m].D));
            }
        }
    }

    [Fact]
    public void Smallest_k_breaks_ties_by_lower_index_and_skips_the_excluded_point()
    {
        float[] row = [3, 1, 0, 1, 2, 1];
        var indices = new int[3];
        var values = new float[3];
        SmallestK.Select(row, exclude: 2, 3, indices, values);
        Assert.Equal([1, 3, 5], indices);
        Assert.Equal([1f, 1f, 1f], values);
    }
}
