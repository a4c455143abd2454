namespace Pipeline.Data;

/// <summary>How many images each STL-10 split holds (or should hold, for a subset or a synthetic dataset).</summary>
public sealed record SplitCounts(int Unlabeled, int Train, int Test)
{
    /// <summary>The count of a split by name.</summary>
    public int this[string split] => split switch
    {
        Stl10.Stl10Format.Unlabeled => Unlabeled,
        Stl10.Stl10Format.Train => Train,
        Stl10.Stl10Format.Test => Test,
        _ => throw new ArgumentException($"unknown split '{split}'", nameof(split)),
    };

    /// <summary>The counts as <c>dataset.json</c> lists them.</summary>
    public IReadOnlyDictionary<string, int> ToDictionary() =>
        new Dictionary<string, int> { [Stl10.Stl10Format.Train] = Train, [Stl10.Stl10Format.Test] = Test, [Stl10.Stl10Format.Unlabeled] = Unlabeled };
}
