using Pipeline.Tsne.Affinities;
using Pipeline.Tsne.Neighbors;

namespace Pipeline.Tsne.Tests.Affinities;

public class PerplexityCalibrationTests
{
    [Theory]
    [InlineData(5.0)]
    [InlineData(30.0)]
    public void Every_row_has_the_target_perplexity_and_sums_to_one(double perplexity)
    {
        const int n = 200, d = 10;
        int k = (int)(3 * perplexity);
        var neighbors = ExactKnn.Search(TestData.Uniform(n, d, 1, seed: 1), n, d, k, 2, CancellationToken.None);
        double[] p = PerplexityCalibration.Conditional(neighbors, perplexity, 2, CancellationToken.None);
        for (int i = 0; i < n; i++)
        {
            double sum = 0, entropy = 0;
            for (int m = 0; m < k; m++)
            {
                double v = p[i * k + m];
                sum += v;
                entropy -= v > 0 ? v * Math.Log(v) : 0;
            }

            Assert.Equal(1, sum, 1e-12);
            Assert.Equal(perplexity, Math.Exp(entropy), 1e-3 * perplexity);
        }
    }

    [Fact]
    public void Calibration_works_when_distances_are_huge()
    {
        float[] distances = [1e6f, 1.0001e6f, 1.0002e6f, 1.0005e6f, 1.001e6f, 1.002e6f];
        var p = new double[distances.Length];
        PerplexityCalibration.Calibrate(distances, Math.Log(3), p);
        double entropy = -p.Sum(v => v > 0 ? v * Math.Log(v) : 0);
        Assert.Equal(Math.Log(3), entropy, 1e-5);
    }
}
