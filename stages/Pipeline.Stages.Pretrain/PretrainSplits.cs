using Pipeline.Data.Stl10;

namespace Pipeline.Stages.Pretrain;

/// <summary>The values of the <c>split</c> param and the dataset splits each one reads.</summary>
public static class PretrainSplits
{
    /// <summary>STL-10's 100,000 unlabeled images (the reference experiment).</summary>
    public const string Unlabeled = Stl10Format.Unlabeled;

    /// <summary>The 5,000 labeled training images.</summary>
    public const string Train = Stl10Format.Train;

    /// <summary>Unlabeled then train, as one index space.</summary>
    public const string UnlabeledAndTrain = Stl10Format.Unlabeled + "+" + Stl10Format.Train;

    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = [Unlabeled, Train, UnlabeledAndTrain];

    /// <summary>Whether <paramref name="value"/> is one of <see cref="All"/>.</summary>
    public static bool IsValid(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);

    /// <summary>The dataset splits <paramref name="value"/> reads, in index order.</summary>
    public static IReadOnlyList<string> Parts(string value) => value.Split('+');
}
