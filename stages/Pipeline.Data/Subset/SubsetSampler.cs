namespace Pipeline.Data.Subset;

/// <summary>Chooses which images a subset keeps: class-balanced for labeled splits, uniform for unlabeled ones; always sorted.</summary>
public static class SubsetSampler
{
    /// <summary>
    /// Picks <paramref name="count"/> indices so every class gets count/classes images (classes chosen at random get
    /// one more for the remainder); a class with too few images gives its share to the others.
    /// </summary>
    public static int[] ClassBalanced(ReadOnlySpan<byte> labels, int count, int classCount, DeterministicRandom random)
    {
        CheckCount(count, labels.Length);
        var byClass = new List<int>[classCount];
        for (var c = 0; c < classCount; c++)
        {
            byClass[c] = [];
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new InvalidDataException($"label {labels[i] + 1} at index {i} is outside 1..{classCount}");
            }

            byClass[labels[i]].Add(i);
        }

        var order = Enumerable.Range(0, classCount).ToArray();
        random.Shuffle(order.AsSpan());
        var take = new int[classCount];
        for (var k = 0; k < classCount; k++)
        {
            var c = order[k];
            take[c] = Math.Min(byClass[c].Count, (count / classCount) + (k < count % classCount ? 1 : 0));
        }

        var missing = count - take.Sum();
        while (missing > 0)
        {
            foreach (var c in order)
            {
                if (missing > 0 && take[c] < byClass[c].Count)
                {
                    take[c]++;
                    missing--;
                }
            }
        }

        var chosen = new List<int>(count);
        for (var c = 0; c < classCount; c++)
        {
            var members = byClass[c].ToArray();
            random.Shuffle(members.AsSpan());
            chosen.AddRange(members.Take(take[c]));
        }

        chosen.Sort();
        return [.. chosen];
    }

    /// <summary>Picks <paramref name="count"/> of <paramref name="available"/> indices uniformly at random.</summary>
    public static int[] Uniform(int available, int count, DeterministicRandom random)
    {
        CheckCount(count, available);
        var all = Enumerable.Range(0, available).ToArray();
        random.Shuffle(all.AsSpan());
        var chosen = all[..count];
        Array.Sort(chosen);
        return chosen;
    }

    private static void CheckCount(int count, int available)
    {
        if (count < 0 || count > available)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"cannot keep {count} of {available} images");
        }
    }
}
