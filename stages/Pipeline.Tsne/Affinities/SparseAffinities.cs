namespace Pipeline.Tsne.Affinities;

/// <summary>
/// The joint input affinities P as an N x N compressed-sparse-row matrix: row i's columns are
/// Columns[RowStart[i] .. RowStart[i + 1]) in ascending order, with values Values at the same positions.
/// </summary>
internal sealed record SparseAffinities(int N, int[] RowStart, int[] Columns, float[] Values)
{
    /// <summary>Sum over all stored entries, in double.</summary>
    public double Sum()
    {
        double sum = 0;
        foreach (float v in Values)
        {
            sum += v;
        }

        return sum;
    }
}
