using System.Runtime.CompilerServices;
using Pipeline.Tsne.Affinities;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// KL(P||Q) = sum_ij p_ij log p_ij - sum_ij p_ij log w_ij + (sum_ij p_ij) log Z, summed over the stored entries of
/// the sparse P in double (van der Maaten &amp; Hinton 2008, eq. 2). Z comes from a gradient pass or from
/// <see cref="Exact"/>'s own fused pass.
/// </summary>
internal static class KlDivergence
{
    private const int ChunkRows = 256;

    /// <summary>
    /// KL(P||Q) at the embedding given the normalisation Z = sum_{i != j} w_ij measured there. Rows are summed in
    /// chunks on up to <paramref name="threads"/> threads and the chunk sums added in order, so the value does not
    /// depend on the thread count.
    /// </summary>
    public static double FromNormalization(SparseAffinities p, SoaEmbedding y, double degreesOfFreedom, double z, int threads = 1)
    {
        int chunks = (p.N + ChunkRows - 1) / ChunkRows;
        var sums = new (double PLogP, double PLogW, double Total)[chunks];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, chunks, options, chunk => sums[chunk] = Rows(p, y, degreesOfFreedom, chunk * ChunkRows, Math.Min(p.N, (chunk + 1) * ChunkRows)));
        double plogp = 0, plogw = 0, total = 0;
        foreach (var (chunkPLogP, chunkPLogW, chunkTotal) in sums)
        {
            plogp += chunkPLogP;
            plogw += chunkPLogW;
            total += chunkTotal;
        }

        return plogp - plogw + total * Math.Log(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double PLogP, double PLogW, double Total) Rows(SparseAffinities p, SoaEmbedding y, double degreesOfFreedom, int from, int to)
    {
        double a = degreesOfFreedom, exponent = -(a + 1) / 2;
        double plogp = 0, plogw = 0, total = 0;
        for (int i = from; i < to; i++)
        {
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                double pij = p.Values[e];
                if (pij <= 0)
                {
                    continue;
                }

                int j = p.Columns[e];
                double d2 = 0;
                for (int c = 0; c < y.Dims; c++)
                {
                    double diff = (double)y.Coordinates[c][i] - y.Coordinates[c][j];
                    d2 += diff * diff;
                }

                plogp += pij * Math.Log(pij);
                plogw += pij * exponent * Math.Log(1 + d2 / a);
                total += pij;
            }
        }

        return (plogp, plogw, total);
    }

    /// <summary>Exact KL(P||Q), with Z from one more fused pass over all pairs.</summary>
    public static double Exact(SparseAffinities p, SoaEmbedding y, double degreesOfFreedom, int threads, CancellationToken ct)
    {
        var gradient = new TsneGradient(p, y.Dims, degreesOfFreedom, threads);
        double z = gradient.Compute(y, 1, TsneGradient.NewColumns(y.Dims, y.N), ct);
        return FromNormalization(p, y, degreesOfFreedom, z, threads);
    }
}
