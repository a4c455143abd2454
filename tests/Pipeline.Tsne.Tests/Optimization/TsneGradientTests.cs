using Pipeline.Tsne.Affinities;
using Pipeline.Tsne.Optimization;

namespace Pipeline.Tsne.Tests.Optimization;

public class TsneGradientTests
{
    [Theory]
    [InlineData(37, 2, 1.0, 1.0)]
    [InlineData(37, 3, 1.0, 12.0)]
    [InlineData(40, 3, 2.0, 1.0)]
    [InlineData(23, 2, 0.7, 4.0)]
    [InlineData(21, 4, 1.0, 1.0)]
    [InlineData(21, 1, 1.5, 1.0)]
    public void Fused_gradient_matches_dense_double_reference(int n, int dims, double dof, double exaggeration)
    {
        double[,] p = DenseReference.RandomAffinities(n, seed: n + dims);
        float[] y = TestData.Uniform(n, dims, 3, seed: 7);
        double[] expected = DenseReference.Gradient(p, ToDouble(y), n, dims, dof, exaggeration);

        var gradient = new TsneGradient(ToSparse(p), dims, dof, threads: 2);
        var actual = TsneGradient.NewColumns(dims, n);
        double z = gradient.Compute(SoaEmbedding.FromRowMajor(y, n, dims), exaggeration, actual, CancellationToken.None);

        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < dims; c++)
            {
                Assert.True(
                    Math.Abs(actual[c][i] - expected[i * dims + c]) <= 1e-4 * scale,
                    $"dC/dy[{i},{c}] = {actual[c][i]} but the reference is {expected[i * dims + c]} (scale {scale})");
            }
        }

        double expectedZ = DenseReference.Normalization(ToDouble(y), n, dims, dof);
        Assert.Equal(1, z / expectedZ, 1e-5);
    }

    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(3, 2.0)]
    public void Dense_reference_gradient_is_the_derivative_of_the_kl_divergence(int dims, double dof)
    {
        const int n = 12;
        const double h = 1e-6;
        double[,] p = DenseReference.RandomAffinities(n, seed: 3);
        double[] y = ToDouble(TestData.Uniform(n, dims, 2, seed: 5));
        double[] analytic = DenseReference.Gradient(p, y, n, dims, dof, 1);
        for (int e = 0; e < y.Length; e++)
        {
            double saved = y[e];
            y[e] = saved + h;
            double plus = DenseReference.Kl(p, y, n, dims, dof);
            y[e] = saved - h;
            double minus = DenseReference.Kl(p, y, n, dims, dof);
            y[e] = saved;
            Assert.Equal(analytic[e], (plus - minus) / (2 * h), 1e-6);
        }
    }

    [Fact]
    public void Kl_from_a_fused_pass_matches_the_dense_reference()
    {
        const int n = 30, dims = 3;
        double[,] p = DenseReference.RandomAffinities(n, seed: 11);
        float[] y = TestData.Uniform(n, dims, 4, seed: 13);
        double expected = DenseReference.Kl(p, ToDouble(y), n, dims, 1);
        double actual = KlDivergence.Exact(ToSparse(p), SoaEmbedding.FromRowMajor(y, n, dims), 1, 2, CancellationToken.None);
        Assert.Equal(expected, actual, 1e-5);
    }

    [Fact]
    public void Gradient_does_not_depend_on_the_thread_count()
    {
        const int n = 300, dims = 3;
        var p = ToSparse(DenseReference.RandomAffinities(n, seed: 17));
        var y = SoaEmbedding.FromRowMajor(TestData.Uniform(n, dims, 5, seed: 19), n, dims);
        var one = TsneGradient.NewColumns(dims, n);
        var two = TsneGradient.NewColumns(dims, n);
        double z1 = new TsneGradient(p, dims, 1, 1).Compute(y, 1, one, CancellationToken.None);
        double z2 = new TsneGradient(p, dims, 1, 2).Compute(y, 1, two, CancellationToken.None);
        Assert.Equal(z1, z2);
        for (int c = 0; c < dims; c++)
        {
            Assert.Equal(one[c], two[c]);
        }
    }

    internal static double[] ToDouble(float[] values) => values.Select(v => (double)v).ToArray();

    internal static SparseAffinities ToSparse(double[,] p)
    {
        int n = p.GetLength(0);
        var start = new int[n + 1];
        var columns = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (p[i, j] != 0)
                {
                    columns.Add(j);
                    values.Add((float)p[i, j]);
                }
            }

            start[i + 1] = columns.Count;
        }

        return new SparseAffinities(n, start, columns.ToArray(), values.ToArray());
    }
}
