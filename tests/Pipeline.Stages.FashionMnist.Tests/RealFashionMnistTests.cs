using Pipeline.Data.FashionMnist;
using Pipeline.Data.Stl10;
using Pipeline.Stages.FashionMnist.Tests.Support;

namespace Pipeline.Stages.FashionMnist.Tests;

/// <summary>The stage on the files of Debian's <c>dataset-fashion-mnist</c>; see <see cref="RealFashionMnistFactAttribute"/> for when it is skipped.</summary>
public sealed class RealFashionMnistTests : IDisposable
{
    private readonly StageHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [RealFashionMnistFact]
    public async Task A_small_subset_of_the_real_files_has_the_fashion_classes_and_balanced_labels()
    {
        await _harness.RunAsync(new FashionMnistParams { Subset = new SubsetParams { Unlabeled = 100, Train = 100, Test = 100 } });

        var dataset = Stl10DatasetReader.Open(_harness.DatasetDirectory);
        Assert.Equal(FashionMnistFormat.ClassNames, dataset.Info.ClassNames);
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], File.ReadAllLines(Path.Combine(_harness.DatasetDirectory, "class_names.txt")));
        Assert.Equal((1, 28, 28), (dataset.Info.Channels, dataset.Info.Height, dataset.Info.Width));
        foreach (var split in new[] { "train", "test" })
        {
            using var reader = dataset.OpenSplit(split);
            Assert.Equal(100, reader.Count);
            Assert.All(reader.Labels.ToArray(), l => Assert.InRange(l, 0, 9));
            Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(10, reader.Labels.ToArray().Count(l => l == c)));
            var image = new byte[784];
            reader.ReadImage(0, image);
            Assert.Contains(image, b => b != 0);
        }

        using var unlabeled = dataset.OpenSplit("unlabeled");
        Assert.Equal(100, unlabeled.Count);
        Assert.Equal(100, _harness.Reporter.Summaries["images_unlabeled"]);
        Assert.Contains(_harness.Reporter.ProgressUpdates, p => p.Phase == "read train images" && p.Done == 60_000 && p.Total == 60_000);
        Assert.Contains(_harness.Reporter.ProgressUpdates, p => p.Phase == "read test images" && p.Done == 10_000 && p.Total == 10_000);
    }
}
