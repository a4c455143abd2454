using Pipeline.Tsne.Affinities;
using Pipeline.Tsne.Neighbors;

namespace Pipeline.Tsne.Tests.Affinities;

public class JointProbabilitiesTests
{
    [Fact]
    public void P_is_symmetric_sums_to_one_and_is_the_average_of_both_conditionals()
    {
        const int n = 150, d = 6, k = 15;
        var neighbors = ExactKnn.Search(TestData.Uniform(n, d, 1, seed: 2), n, d, k, 2, CancellationToken.None);
        double[] conditional = PerplexityCalibration.Conditional(neighbors, 5, 2, CancellationToken.None);
        SparseAffinities p = JointProbabilities.Symmetrize(neighbors, conditional);

        var dense = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                Assert.NotEqual(i, p.Columns[e]);
                if (e > p.RowStart[i])
                {
                    Assert.True(p.Columns[e] > p.Columns[e - 1], "columns ascend without duplicates");
                }

                dense[i, p.Columns[e]] = p.Values[e];
            }
        }

        var expected = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m < k; m++)
            {
                int j = neighbors.Indices[i * k + m];
                expected[i, j] += conditional[i * k + m] / (2.0 * n);
                expected[j, i] += conditional[i * k + m] / (2.0 * n);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(dense[i, j], dense[j, i]);
                Assert.Equal(expected[i, j], dense[i, j], 1e-9);
            }
        }

        Assert.Equal(1, p.Sum(), 1e-6);
    }
}
