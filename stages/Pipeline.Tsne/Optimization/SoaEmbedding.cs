using System.Runtime.CompilerServices;
namespace Pipeline.Tsne.Optimization;

/// <summary>
/// An N x Dims embedding stored as one array per coordinate (structure of arrays) so the fused repulsion loop
/// loads 8 or 16 points per instruction. Arrays are padded to a multiple of 16 (one 512-bit vector) with points far enough away that their
/// kernel weight underflows to 0; only the first N entries are ever updated.
/// </summary>
internal sealed class SoaEmbedding
{
    /// <summary>Coordinate of the padding points: (1 + 3e30)^-1 adds nothing to Z and its square underflows.</summary>
    internal const float FarAway = 1e15f;

    private SoaEmbedding(int n, int dims)
    {
        N = n;
        Dims = dims;
        PaddedN = (n + 15) & ~15;
        Coordinates = new float[dims][];
        for (int c = 0; c < dims; c++)
        {
            Coordinates[c] = new float[PaddedN];
            Array.Fill(Coordinates[c], FarAway, n, PaddedN - n);
        }
    }

    /// <summary>Number of real points.</summary>
    public int N { get; }

    /// <summary>Embedding dimension.</summary>
    public int Dims { get; }

    /// <summary>N rounded up to a multiple of 16.</summary>
    public int PaddedN { get; }

    /// <summary>Coordinates[c][i] is coordinate c of point i.</summary>
    public float[][] Coordinates { get; }

    /// <summary>Copies a row-major N x Dims embedding.</summary>
    public static SoaEmbedding FromRowMajor(ReadOnlySpan<float> rowMajor, int n, int dims)
    {
        var e = new SoaEmbedding(n, dims);
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < dims; c++)
            {
                e.Coordinates[c][i] = rowMajor[i * dims + c];
            }
        }

        return e;
    }

    /// <summary>The embedding as a row-major N x Dims array.</summary>
    public float[] ToRowMajor()
    {
        var rowMajor = new float[N * Dims];
        for (int i = 0; i < N; i++)
        {
            for (int c = 0; c < Dims; c++)
            {
                rowMajor[i * Dims + c] = Coordinates[c][i];
            }
        }

        return rowMajor;
    }

    /// <summary>Subtracts the mean of each coordinate (the gradient is translation invariant; openTSNE does the same).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Center()
    {
        foreach (float[] column in Coordinates)
        {
            double mean = 0;
            for (int i = 0; i < N; i++)
            {
                mean += column[i];
            }

            float shift = (float)(mean / N);
            for (int i = 0; i < N; i++)
            {
                column[i] -= shift;
            }
        }
    }
}
