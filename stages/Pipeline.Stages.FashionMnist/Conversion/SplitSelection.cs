using Pipeline.Data;
using Pipeline.Data.FashionMnist;
using Pipeline.Data.Subset;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.FashionMnist.Conversion;

/// <summary>
/// The source images each output split keeps, ascending. <see cref="Unlabeled"/> indexes the pool of the train
/// images followed (for <see cref="UnlabeledSource.TrainAndTest"/>) by the test images.
/// </summary>
internal sealed record SplitSelection(int[] Train, int[] Test, int[] Unlabeled, int TrainCount)
{
    /// <summary>Chooses the images from the params' subset with the same seeded streams as <see cref="Stl10Subsetter"/>.</summary>
    public static SplitSelection Choose(FashionMnistSplit train, FashionMnistSplit test, FashionMnistParams parameters, int seed)
    {
        var subset = parameters.Subset;
        var pool = parameters.UnlabeledFrom == UnlabeledSource.Train ? train.Count : train.Count + test.Count;
        var poolName = parameters.UnlabeledFrom == UnlabeledSource.Train ? "train images" : "train and test images";
        return new SplitSelection(
            ChooseLabeled(train, subset?.Train, seed),
            ChooseLabeled(test, subset?.Test, seed),
            ChooseUnlabeled(pool, poolName, subset?.Unlabeled, seed),
            train.Count);
    }

    /// <summary>The indices of <paramref name="split"/> some output split needs, ascending and distinct.</summary>
    public int[] NeededFrom(FashionMnistSplit split)
    {
        var isTrain = split.Name == Data.Stl10.Stl10Format.Train;
        var fromPool = isTrain
            ? Unlabeled.Where(i => i < TrainCount)
            : Unlabeled.Where(i => i >= TrainCount).Select(i => i - TrainCount);
        return [.. (isTrain ? Train : Test).Concat(fromPool).Distinct().Order()];
    }

    private static int[] ChooseLabeled(FashionMnistSplit split, int? wanted, int seed)
    {
        if (wanted is not { } n)
        {
            return [.. Enumerable.Range(0, split.Count)];
        }

        CheckAvailable(split.Name, n, split.Count, $"the {split.Name} split has {split.Count}");
        var random = new DeterministicRandom(seed, DeterministicRandom.StreamId("subset"), DeterministicRandom.StreamId(split.Name));
        return SubsetSampler.ClassBalanced(split.Labels, n, FashionMnistFormat.ClassNames.Count, random);
    }

    private static int[] ChooseUnlabeled(int pool, string poolName, int? wanted, int seed)
    {
        if (wanted is not { } n)
        {
            return [.. Enumerable.Range(0, pool)];
        }

        CheckAvailable(Data.Stl10.Stl10Format.Unlabeled, n, pool, $"unlabeled_from gives {pool} {poolName}");
        var random = new DeterministicRandom(seed, DeterministicRandom.StreamId("subset"), DeterministicRandom.StreamId(Data.Stl10.Stl10Format.Unlabeled));
        return SubsetSampler.Uniform(pool, n, random);
    }

    private static void CheckAvailable(string split, int wanted, int available, string why)
    {
        if (wanted > available)
        {
            throw new StageFailedException($"subset.{split} asks for {wanted} images but {why}");
        }
    }
}
