using Pipeline.Data.Stl10;
using Pipeline.Data.Subset;
using Pipeline.Data.Synthetic;
using Pipeline.TestSupport;

namespace Pipeline.Data.Tests.Subset;

public sealed class Stl10SubsetterTests
{
    [Fact]
    public void Labeled_splits_are_class_balanced_and_images_match_their_source()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        SyntheticStl10Generator.Generate(source.Path, new SplitCounts(50, 100, 60), seed: 9);
        var reader = Stl10DatasetReader.Open(source.Path);

        var info = Stl10Subsetter.Write(reader, target.Path, new SubsetRequest(Unlabeled: 10, Train: 30, Test: 23), seed: 4);

        var subset = Stl10DatasetReader.Open(target.Path);
        using var train = subset.OpenSplit("train");
        using var test = subset.OpenSplit("test");
        using var unlabeled = subset.OpenSplit("unlabeled");
        Assert.Equal((10, 30, 23), (unlabeled.Count, train.Count, test.Count));
        Assert.Equal(30, info.Splits["train"]);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(3, train.Labels.ToArray().Count(l => l == c)));
        var perClass = Enumerable.Range(0, 10).Select(c => test.Labels.ToArray().Count(l => l == c)).ToArray();
        Assert.True(perClass.Max() - perClass.Min() <= 1, $"test per class: {string.Join(",", perClass)}");
        Assert.Equal(File.ReadAllText(source.Combine("class_names.txt")), File.ReadAllText(target.Combine("class_names.txt")));
    }

    [Fact]
    public void Folds_are_remapped_to_the_same_images()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        SyntheticStl10Generator.Generate(source.Path, new SplitCounts(0, 100, 10), seed: 11);
        var reader = Stl10DatasetReader.Open(source.Path);

        Stl10Subsetter.Write(reader, target.Path, new SubsetRequest(null, 40, null), seed: 2);

        var subset = Stl10DatasetReader.Open(target.Path);
        using var oldTrain = reader.OpenSplit("train");
        using var newTrain = subset.OpenSplit("train");
        var oldFolds = reader.ReadFolds();
        var newFolds = subset.ReadFolds();
        Assert.Equal(10, newFolds.Count);
        Assert.Contains(newFolds, f => f.Length > 0);
        var a = new byte[oldTrain.Shape.Bytes];
        var b = new byte[oldTrain.Shape.Bytes];
        for (var f = 0; f < 10; f++)
        {
            // Every remapped index names an image that was in the old fold.
            foreach (var i in newFolds[f])
            {
                newTrain.ReadStored(i, b);
                Assert.Contains(oldFolds[f], old =>
                {
                    oldTrain.ReadStored(old, a);
                    return a.AsSpan().SequenceEqual(b);
                });
            }
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_subset_and_another_seed_a_different_one()
    {
        using var source = new TempDirectory();
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var c = new TempDirectory();
        SyntheticStl10Generator.Generate(source.Path, new SplitCounts(40, 50, 10), seed: 1);
        var reader = Stl10DatasetReader.Open(source.Path);
        var request = new SubsetRequest(7, 20, 5);

        Stl10Subsetter.Write(reader, a.Path, request, seed: 3);
        Stl10Subsetter.Write(reader, b.Path, request, seed: 3);
        Stl10Subsetter.Write(reader, c.Path, request, seed: 4);

        Assert.Equal(File.ReadAllBytes(a.Combine("unlabeled_X.bin")), File.ReadAllBytes(b.Combine("unlabeled_X.bin")));
        Assert.Equal(File.ReadAllBytes(a.Combine("train_X.bin")), File.ReadAllBytes(b.Combine("train_X.bin")));
        Assert.NotEqual(File.ReadAllBytes(a.Combine("train_X.bin")), File.ReadAllBytes(c.Combine("train_X.bin")));
    }

    [Fact]
    public void Asking_for_more_images_than_the_split_has_names_the_split()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        SyntheticStl10Generator.Generate(source.Path, new SplitCounts(5, 10, 10), seed: 1);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Stl10Subsetter.Write(Stl10DatasetReader.Open(source.Path), target.Path, new SubsetRequest(null, 11, null), seed: 1));
        Assert.Contains("subset.train asks for 11", ex.Message);
    }

    [Fact]
    public void Class_balanced_sampler_gives_a_short_class_share_to_the_others()
    {
        byte[] labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2];

        var chosen = SubsetSampler.ClassBalanced(labels, 9, 3, new DeterministicRandom(1));

        Assert.Equal(9, chosen.Length);
        Assert.Equal(chosen.Order(), chosen);
        Assert.Equal(1, chosen.Count(i => labels[i] == 2));
        Assert.Equal(3, chosen.Count(i => labels[i] == 1));
        Assert.Equal(5, chosen.Count(i => labels[i] == 0));
    }
}
