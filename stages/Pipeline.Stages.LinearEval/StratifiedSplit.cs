using Pipeline.Data;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// Splits labelled samples into train and validation per class: each class gives round(fraction x its count) samples
/// to validation (at least one when the fraction is positive and the class has two or more), chosen by a seeded
/// shuffle, so the split is the same on every machine for the same seed.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>Train and validation positions (ascending) into <paramref name="labels"/>.</summary>
    public static (int[] Train, int[] Validation) Split(ReadOnlySpan<byte> labels, double validationFraction, int seed)
    {
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be in [0, 1)");
        }
        var byClass = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (!byClass.TryGetValue(labels[i], out var members))
            {
                byClass[labels[i]] = members = [];
            }
            members.Add(i);
        }

        var train = new List<int>();
        var validation = new List<int>();
        foreach (var (label, members) in byClass)
        {
            var shuffled = members.ToArray();
            new DeterministicRandom(seed, DeterministicRandom.StreamId("linear-eval-val"), label).Shuffle(shuffled.AsSpan());
            var take = (int)Math.Round(validationFraction * shuffled.Length, MidpointRounding.AwayFromZero);
            if (validationFraction > 0 && shuffled.Length >= 2)
            {
                take = Math.Clamp(take, 1, shuffled.Length - 1);
            }
            validation.AddRange(shuffled[..take]);
            train.AddRange(shuffled[take..]);
        }
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }
}
