using Pipeline.Tsne.Neighbors;

namespace Pipeline.Tsne.Affinities;

/// <summary>
/// Symmetrised joint affinities p_ij = (p(j|i) + p(i|j)) / 2N (van der Maaten &amp; Hinton 2008, section 3.1),
/// sparse over the union of the k-nearest-neighbour graph and its transpose; they sum to 1.
/// </summary>
internal static class JointProbabilities
{
    /// <summary>Builds P from the neighbour graph and its calibrated conditional probabilities.</summary>
    public static SparseAffinities Symmetrize(NearestNeighbors neighbors, double[] conditional)
    {
        int n = neighbors.N, k = neighbors.K;
        var counts = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            counts[i] += k;
            for (int m = 0; m < k; m++)
            {
                counts[neighbors.Indices[i * k + m]]++;
            }
        }

        // Both directions of every edge, duplicates merged after sorting each row.
        var start = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            start[i + 1] = start[i] + counts[i];
        }

        var columns = new int[start[n]];
        var values = new double[start[n]];
        var fill = (int[])start.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m < k; m++)
            {
                int j = neighbors.Indices[i * k + m];
                double v = conditional[i * k + m];
                columns[fill[i]] = j;
                values[fill[i]++] = v;
                columns[fill[j]] = i;
                values[fill[j]++] = v;
            }
        }

        var rowStart = new int[n + 1];
        var outColumns = new List<int>(start[n]);
        var outValues = new List<float>(start[n]);
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++)
        {
            int from = start[i], to = start[i + 1];
            Array.Sort(columns, values, from, to - from);
            for (int e = from; e < to;)
            {
                int column = columns[e];
                double sum = 0;
                for (; e < to && columns[e] == column; e++)
                {
                    sum += values[e];
                }

                outColumns.Add(column);
                outValues.Add((float)(sum * scale));
            }

            rowStart[i + 1] = outColumns.Count;
        }

        return new SparseAffinities(n, rowStart, outColumns.ToArray(), outValues.ToArray());
    }
}
