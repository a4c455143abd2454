using Pipeline.Data;

namespace Pipeline.Stages.AugmentPreview;

/// <summary>Which images a preview shows: distinct indices drawn with the pipeline seed, in drawing order.</summary>
public static class SampleIndices
{
    /// <summary><paramref name="count"/> distinct indices below <paramref name="total"/> (a partial Fisher-Yates over a sparse swap map).</summary>
    public static int[] Draw(int total, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        var random = new DeterministicRandom(seed, DeterministicRandom.StreamId("augment-preview"));
        var swapped = new Dictionary<int, int>();
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(total - i);
            var atJ = swapped.GetValueOrDefault(j, j);
            swapped[j] = swapped.GetValueOrDefault(i, i);
            result[i] = atJ;
        }

        return result;
    }
}
