namespace Pipeline.Bench.Tsne;

/// <summary>
/// A seeded stand-in for 512-d image embeddings: equal-sized Gaussian clusters whose centres and spread live in a
/// random low-dimensional subspace, plus isotropic noise in the full space.
/// </summary>
internal sealed record ClusteredData(float[] Values, int[] Labels, int N, int D)
{
    /// <summary>Generates N x D data with the given clusters in a random subspace of the given dimension.</summary>
    public static ClusteredData Generate(int n, int d, int clusters, int subspace, int seed,
        double centreStd = 0.8, double clusterStd = 1.0, double noiseStd = 0.3)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var basis = new double[subspace * d];
        for (int e = 0; e < basis.Length; e++)
        {
            basis[e] = Gaussian() / Math.Sqrt(subspace);
        }

        var centres = new double[clusters * subspace];
        for (int e = 0; e < centres.Length; e++)
        {
            centres[e] = centreStd * Gaussian();
        }

        var values = new float[n * d];
        var labels = new int[n];
        var latent = new double[subspace];
        for (int i = 0; i < n; i++)
        {
            int label = i % clusters;
            labels[i] = label;
            for (int s = 0; s < subspace; s++)
            {
                latent[s] = centres[label * subspace + s] + clusterStd * Gaussian();
            }

            for (int c = 0; c < d; c++)
            {
                double v = noiseStd * Gaussian();
                for (int s = 0; s < subspace; s++)
                {
                    v += latent[s] * basis[s * d + c];
                }

                values[i * d + c] = (float)v;
            }
        }

        return new ClusteredData(values, labels, n, d);
    }
}
