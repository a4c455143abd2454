using System.Runtime.CompilerServices;
namespace Pipeline.Tsne.Optimization;

/// <summary>
/// Momentum gradient descent with per-coordinate adaptive gains (delta-bar-delta, Jacobs 1988) as in van der
/// Maaten's reference implementation and openTSNE: a gain grows by 0.2 when the gradient's sign differs from the
/// last update's and shrinks by a factor 0.8 otherwise, never below 0.01. Update and gains persist across phases.
/// </summary>
internal sealed class GradientDescent
{
    private const float MinGain = 0.01f;

    private readonly float[][] _update;
    private readonly float[][] _gains;

    /// <summary>State for an N x dims embedding: zero updates, unit gains.</summary>
    public GradientDescent(int n, int dims)
    {
        _update = TsneGradient.NewColumns(dims, n);
        _gains = TsneGradient.NewColumns(dims, n);
        foreach (float[] g in _gains)
        {
            Array.Fill(g, 1f);
        }
    }

    /// <summary>update = momentum * update - rate * gains * gradient; y += update; then re-centre y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(SoaEmbedding y, float[][] gradient, double momentum, double learningRate)
    {
        float mu = (float)momentum, eta = (float)learningRate;
        for (int c = 0; c < y.Dims; c++)
        {
            float[] coordinate = y.Coordinates[c], g = gradient[c], update = _update[c], gains = _gains[c];
            for (int i = 0; i < y.N; i++)
            {
                float gain = MathF.Sign(g[i]) != MathF.Sign(update[i]) ? gains[i] + 0.2f : gains[i] * 0.8f;
                gain = MathF.Max(gain, MinGain);
                gains[i] = gain;
                update[i] = mu * update[i] - eta * gain * g[i];
                coordinate[i] += update[i];
            }
        }

        y.Center();
    }
}
