namespace Pipeline.Tsne.Initialization;

/// <summary>Isotropic Gaussian initialisation with standard deviation 1e-4 (van der Maaten &amp; Hinton 2008, algorithm 1).</summary>
internal static class RandomInitialization
{
    /// <summary>Row-major N x components embedding drawn from N(0, 1e-8 I) with a seeded generator.</summary>
    public static float[] Compute(int n, int components, int seed)
    {
        var random = new Random(seed);
        var embedding = new float[n * components];
        for (int e = 0; e < embedding.Length; e++)
        {
            // Box-Muller; 1 - U avoids log(0).
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            embedding[e] = (float)(1e-4 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return embedding;
    }
}
