using Pipeline.Tsne.Initialization;

namespace Pipeline.Tsne.Tests.Initialization;

public class PcaInitializationTests
{
    [Fact]
    public void Recovers_the_dominant_axes_and_scales_the_first_to_std_1e_4()
    {
        // Axis-aligned Gaussian with standard deviations 10, 5, 2, 1, 1, ... along coordinates 3, 0, 7, others.
        const int n = 2000, d = 12;
        var random = new Random(5);
        var x = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                double std = c switch { 3 => 10, 0 => 5, 7 => 2.5, _ => 1 };
                x[i * d + c] = (float)(std * TestData.Gaussian(random) + 100);
            }
        }

        float[] y = PcaInitialization.Compute(x, n, d, 3, seed: 1, threads: 2, CancellationToken.None);
        double std0 = Math.Sqrt(Enumerable.Range(0, n).Average(i => (double)y[i * 3] * y[i * 3]));
        Assert.Equal(1e-4, std0, 1e-9);
        foreach (var (component, axis) in new[] { (0, 3), (1, 0), (2, 7) })
        {
            double correlation = Correlation(Enumerable.Range(0, n).Select(i => (double)y[i * 3 + component]).ToArray(),
                Enumerable.Range(0, n).Select(i => (double)x[i * d + axis]).ToArray());
            Assert.True(Math.Abs(correlation) > 0.97, $"component {component} vs axis {axis}: correlation {correlation}");
        }
    }

    [Fact]
    public void Leading_eigenvectors_of_a_known_matrix()
    {
        // diag(1, 9, 4, 16) rotated by nothing: eigenvectors are the unit axes 3, 1, 2.
        double[] a = [1, 0, 0, 0, 0, 9, 0, 0, 0, 0, 4, 0, 0, 0, 0, 16];
        double[] v = TopEigenvectors.Compute(a, 4, 3, seed: 3);
        Assert.Equal(1, v[3 * 3 + 0], 1e-9);
        Assert.Equal(1, v[1 * 3 + 1], 1e-9);
        Assert.Equal(1, v[2 * 3 + 2], 1e-9);
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = a.Zip(b, (p, q) => (p - ma) * (q - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(p => (p - ma) * (p - ma)) * b.Sum(q => (q - mb) * (q - mb)));
    }
}
