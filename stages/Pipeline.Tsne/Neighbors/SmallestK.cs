using System.Runtime.CompilerServices;
namespace Pipeline.Tsne.Neighbors;

/// <summary>Selects the k smallest entries of a row with a bounded max-heap; ties go to the lower index.</summary>
internal static class SmallestK
{
    /// <summary>Fills indices/values (length k) with the k smallest row entries other than <paramref name="exclude"/>, ascending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Select(ReadOnlySpan<float> row, int exclude, int k, Span<int> indices, Span<float> values)
    {
        int count = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (j == exclude)
            {
                continue;
            }

            float v = row[j];
            if (count < k)
            {
                SiftUp(values, indices, count++, v, j);
            }
            else if (v < values[0])
            {
                SiftDown(values, indices, k, v, j);
            }
        }

        // Heap sort in place: repeatedly move the largest to the end.
        for (int end = count - 1; end > 0; end--)
        {
            float v = values[end];
            int idx = indices[end];
            values[end] = values[0];
            indices[end] = indices[0];
            SiftDown(values, indices, end, v, idx);
        }
    }

    private static bool Greater(float v1, int i1, float v2, int i2) => v1 > v2 || (v1 == v2 && i1 > i2);

    private static void SiftUp(Span<float> values, Span<int> indices, int pos, float v, int idx)
    {
        while (pos > 0)
        {
            int parent = (pos - 1) >> 1;
            if (!Greater(v, idx, values[parent], indices[parent]))
            {
                break;
            }

            values[pos] = values[parent];
            indices[pos] = indices[parent];
            pos = parent;
        }

        values[pos] = v;
        indices[pos] = idx;
    }

    private static void SiftDown(Span<float> values, Span<int> indices, int size, float v, int idx)
    {
        int pos = 0;
        while (true)
        {
            int child = 2 * pos + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && Greater(values[child + 1], indices[child + 1], values[child], indices[child]))
            {
                child++;
            }

            if (!Greater(values[child], indices[child], v, idx))
            {
                break;
            }

            values[pos] = values[child];
            indices[pos] = indices[child];
            pos = child;
        }

        values[pos] = v;
        indices[pos] = idx;
    }
}
