using Pipeline.Data;
using Pipeline.Data.Subset;

namespace Pipeline.Stages.Tsne.Data;

/// <summary>Chooses the rows to embed when <c>max_points</c> is set: class-balanced, deterministic from the seed, in file order.</summary>
public static class StratifiedSample
{
    /// <summary>Row numbers to keep: all of them when <paramref name="maxPoints"/> is null or not below the row count.</summary>
    public static int[] Rows(IReadOnlyList<int> labels, int? maxPoints, int seed)
    {
        if (maxPoints is not { } max || max >= labels.Count)
        {
            return [.. Enumerable.Range(0, labels.Count)];
        }

        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length > byte.MaxValue + 1)
        {
            throw new InvalidOperationException($"class-balanced sampling supports at most 256 classes, the table has {classes.Length}");
        }

        var dense = classes.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => (byte)p.i);
        var codes = labels.Select(l => dense[l]).ToArray();
        return SubsetSampler.ClassBalanced(codes, max, classes.Length, new DeterministicRandom(seed, DeterministicRandom.StreamId("tsne-sample")));
    }
}
