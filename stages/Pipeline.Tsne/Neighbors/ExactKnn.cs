namespace Pipeline.Tsne.Neighbors;

/// <summary>
/// Exact brute-force k-nearest-neighbour search (squared Euclidean), multithreaded over blocks of 16 rows, the
/// openTSNE recipe's "exact" neighbour search without an N x N matrix.
/// </summary>
internal static class ExactKnn
{
    private const int BlockRows = 16;

    /// <summary>The k nearest other points of every row of the row-major N x D data.</summary>
    public static NearestNeighbors Search(ReadOnlySpan<float> data, int n, int d, int k, int threads, CancellationToken ct)
    {
        if (k < 1 || k > n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, N - 1 = {n - 1}].");
        }

        float[] x = SquaredDistances.CenteredCopy(data, n, d);
        float[] norms = SquaredDistances.RowNorms(x, n, d);
        var indices = new int[n * k];
        var distances = new float[n * k];
        int blocks = (n + BlockRows - 1) / BlockRows;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
        Parallel.For(
            0,
            blocks,
            options,
            () => new float[BlockRows * n],
            (block, _, buffer) =>
            {
                int i0 = block * BlockRows;
                int rows = Math.Min(BlockRows, n - i0);
                SquaredDistances.Rows(x, norms, n, d, i0, rows, buffer);
                for (int r = 0; r < rows; r++)
                {
                    int i = i0 + r;
                    SmallestK.Select(buffer.AsSpan(r * n, n), i, k, indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
                }

                return buffer;
            },
            _ => { });
        return new NearestNeighbors(n, k, indices, distances);
    }
}
