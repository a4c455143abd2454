using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.TestSupport;

/// <summary>Deterministic test data made in C#, so references can be computed from the same numbers.</summary>
internal static class TensorData
{
    /// <summary>rows x cols standard-normal-ish values from <see cref="Random"/>, rounded to float32.</summary>
    public static double[,] Gaussian(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var values = new double[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                // Box-Muller; rounding to float makes the double reference see exactly what torch sees.
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                values[r, c] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
        }
        return values;
    }

    public static Tensor ToTensor(double[,] values)
    {
        var rows = values.GetLength(0);
        var cols = values.GetLength(1);
        var flat = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                flat[(r * cols) + c] = (float)values[r, c];
            }
        }
        return tensor(flat, [rows, cols]);
    }
}
