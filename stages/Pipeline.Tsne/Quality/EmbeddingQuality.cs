using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Pipeline.Tsne.Neighbors;

namespace Pipeline.Tsne;

/// <summary>
/// Exact, memory-free (no N x N matrix) quality measures of an embedding, multithreaded over all cores.
/// </summary>
public static class EmbeddingQuality
{
    private const int BlockRows = 16;

    /// <summary>
    /// Trustworthiness T(k) = 1 - 2 / (N k (2N - 3k - 1)) sum_i sum_{j in U_i} max(0, r(i, j) - k), where U_i are the
    /// k nearest neighbours of i in the embedding and r(i, j) is j's rank among i's neighbours in the input space
    /// (Venna &amp; Kaski 2001; the definition of sklearn.manifold.trustworthiness with Euclidean distances).
    /// A rank counts the points strictly closer than j, so exact distance ties count in j's favour.
    /// </summary>
    public static double Trustworthiness(float[] high, int n, int d, float[] low, int lowDim, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(low);
        CheckShape(high, n, d, nameof(high));
        CheckShape(low, n, lowDim, nameof(low));
        if (k < 1 || k >= n / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at least 1 and below N / 2 = {n / 2.0}.");
        }

        int threads = Environment.ProcessorCount;
        var embedded = ExactKnn.Search(low, n, lowDim, k, threads, CancellationToken.None);
        float[] x = SquaredDistances.CenteredCopy(high, n, d);
        float[] norms = SquaredDistances.RowNorms(x, n, d);
        long penalty = 0;
        object gate = new();
        Parallel.For(
            0,
            (n + BlockRows - 1) / BlockRows,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Buffer: new float[BlockRows * n], Sum: 0L),
            (block, _, local) =>
            {
                int i0 = block * BlockRows, rows = Math.Min(BlockRows, n - i0);
                SquaredDistances.Rows(x, norms, n, d, i0, rows, local.Buffer);
                for (int r = 0; r < rows; r++)
                {
                    int i = i0 + r;
                    var row = local.Buffer.AsSpan(r * n, n);
                    for (int m = 0; m < k; m++)
                    {
                        float threshold = row[embedded.Indices[i * k + m]];
                        int rank = 1 + CountBelow(row, threshold) - (row[i] < threshold ? 1 : 0);
                        local.Sum += Math.Max(0, rank - k);
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    penalty += local.Sum;
                }
            });
        return 1 - 2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
    }

    /// <summary>
    /// Leave-one-out k-nearest-neighbour classification accuracy (Euclidean): the fraction of points whose label
    /// wins the vote of their k nearest other points; a tied vote goes to the tied label whose member is nearest.
    /// </summary>
    public static double KnnAccuracy(float[] x, int n, int d, int[] labels, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        CheckShape(x, n, d, nameof(x));
        if (labels.Length != n)
        {
            throw new ArgumentException($"labels has {labels.Length} entries but N = {n}.", nameof(labels));
        }

        if (k < 1 || k > n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, N - 1 = {n - 1}].");
        }

        var neighbors = ExactKnn.Search(x, n, d, k, Environment.ProcessorCount, CancellationToken.None);
        int correct = 0;
        var votes = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            votes.Clear();
            int best = 0;
            for (int m = 0; m < k; m++)
            {
                int label = labels[neighbors.Indices[i * k + m]];
                votes[label] = votes.GetValueOrDefault(label) + 1;
                best = Math.Max(best, votes[label]);
            }

            for (int m = 0; m < k; m++)
            {
                int label = labels[neighbors.Indices[i * k + m]];
                if (votes[label] == best)
                {
                    correct += label == labels[i] ? 1 : 0;
                    break;
                }
            }
        }

        return correct / (double)n;
    }

    private static int CountBelow(ReadOnlySpan<float> row, float threshold)
    {
        var t = Vector256.Create(threshold);
        var counts = Vector256<int>.Zero;
        ref float origin = ref MemoryMarshal.GetReference(row);
        int j = 0;
        for (; j + Vector256<float>.Count <= row.Length; j += Vector256<float>.Count)
        {
            // A true lane is all ones (-1), so subtracting counts it.
            counts -= Vector256.LessThan(Vector256.LoadUnsafe(ref origin, (nuint)j), t).AsInt32();
        }

        int count = Vector256.Sum(counts);
        for (; j < row.Length; j++)
        {
            count += row[j] < threshold ? 1 : 0;
        }

        return count;
    }

    private static void CheckShape(float[] values, int n, int d, string name)
    {
        if (n < 2 || d < 1 || values.Length != (long)n * d)
        {
            throw new ArgumentException($"{name} has {values.Length} values; expected N x D = {n} x {d} with N >= 2, D >= 1.", name);
        }
    }
}
