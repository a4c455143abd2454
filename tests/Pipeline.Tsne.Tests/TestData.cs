namespace Pipeline.Tsne.Tests;

/// <summary>Seeded inputs for the tests.</summary>
internal static class TestData
{
    /// <summary>Standard normal draw (Box-Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Row-major n x d uniform values in [-scale, scale].</summary>
    public static float[] Uniform(int n, int d, double scale, int seed)
    {
        var random = new Random(seed);
        var x = new float[n * d];
        for (int e = 0; e < x.Length; e++)
        {
            x[e] = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        return x;
    }

    /// <summary>Well-separated Gaussian clusters: centres with std <paramref name="centreStd"/> per axis, unit spread.</summary>
    public static (float[] X, int[] Labels) Clusters(int clusters, int perCluster, int d, double centreStd, int seed)
    {
        var random = new Random(seed);
        var centres = new double[clusters * d];
        for (int e = 0; e < centres.Length; e++)
        {
            centres[e] = centreStd * Gaussian(random);
        }

        int n = clusters * perCluster;
        var x = new float[n * d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            for (int c = 0; c < d; c++)
            {
                x[i * d + c] = (float)(centres[labels[i] * d + c] + Gaussian(random));
            }
        }

        return (x, labels);
    }
}
