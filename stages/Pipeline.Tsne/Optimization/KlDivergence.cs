using Pipeline.Tsne.Affinities;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// KL(P||Q) = sum_ij p_ij log p_ij - sum_ij p_ij log w_ij + (sum_ij p_ij) log Z, summed over the stored entries of
/// the sparse P in double (van der Maaten &amp; Hinton 2008, eq. 2). Z comes from a gradient pass or from
/// <see cref="Exact"/>'s own fused pass.
/// </summary>
internal static class KlDivergence
{
    /// <summary>KL(P||Q) at the embedding given the normalisation Z = sum_{i != j} w_ij measured there.</summary>
    public static double FromNormalization(SparseAffinities p, SoaEmbedding y, double degreesOfFreedom, double z)
    {
        double a = degreesOfFreedom, exponent = -(a + 1) / 2;
        double plogp = 0, plogw = 0, total = 0;
        for (int i = 0; i < p.N; i++)
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

        return plogp - plogw + total * Math.Log(z);
    }

    /// <summary>Exact KL(P||Q), with Z from one more fused pass over all pairs.</summary>
    public static double Exact(SparseAffinities p, SoaEmbedding y, double degreesOfFreedom, int threads, CancellationToken ct)
    {
        var gradient = new TsneGradient(p, y.Dims, degreesOfFreedom, threads);
        double z = gradient.Compute(y, 1, TsneGradient.NewColumns(y.Dims, y.N), ct);
        return FromNormalization(p, y, degreesOfFreedom, z);
    }
}
