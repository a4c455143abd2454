using System.Security.Cryptography;
using Pipeline.Data.Stl10;
using Pipeline.Data.Synthetic;
using Pipeline.TestSupport;

namespace Pipeline.Data.Tests.Synthetic;

public sealed class SyntheticStl10GeneratorTests
{
    private static readonly SplitCounts Small = new(Unlabeled: 30, Train: 40, Test: 20);

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();

        SyntheticStl10Generator.Generate(a.Path, Small, seed: 42);
        SyntheticStl10Generator.Generate(b.Path, Small, seed: 42);

        Assert.Equal(Hashes(a.Path), Hashes(b.Path));
    }

    [Fact]
    public void Different_seed_gives_different_images()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();

        SyntheticStl10Generator.Generate(a.Path, Small, seed: 1);
        SyntheticStl10Generator.Generate(b.Path, Small, seed: 2);

        Assert.NotEqual(File.ReadAllBytes(a.Combine("train_X.bin")), File.ReadAllBytes(b.Combine("train_X.bin")));
        Assert.NotEqual(File.ReadAllBytes(a.Combine("unlabeled_X.bin")), File.ReadAllBytes(b.Combine("unlabeled_X.bin")));
    }

    [Fact]
    public void Writes_the_full_layout_with_balanced_labels()
    {
        using var dir = new TempDirectory();

        var info = SyntheticStl10Generator.Generate(dir.Path, Small, seed: 3);

        var dataset = Stl10DatasetReader.Open(dir.Path);
        using var train = dataset.OpenSplit("train");
        using var unlabeled = dataset.OpenSplit("unlabeled");
        Assert.Equal(40, train.Count);
        Assert.Equal(30, unlabeled.Count);
        Assert.False(unlabeled.HasLabels);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(4, train.Labels.ToArray().Count(l => l == c)));
        Assert.Equal(30, info.Splits["unlabeled"]);
        Assert.Equal(Stl10Format.ClassNames, File.ReadAllLines(dir.Combine("class_names.txt")));
        var folds = dataset.ReadFolds();
        Assert.Equal(10, folds.Count);
        Assert.All(folds, f => Assert.All(f, i => Assert.InRange(i, 0, 39)));
    }

    [Fact]
    public void Classes_are_separable_far_above_chance_by_a_nearest_centroid_on_colour()
    {
        using var dir = new TempDirectory();
        SyntheticStl10Generator.Generate(dir.Path, new SplitCounts(0, 200, 200), seed: 5);
        var dataset = Stl10DatasetReader.Open(dir.Path);
        using var train = dataset.OpenSplit("train");
        using var test = dataset.OpenSplit("test");

        var centroids = new double[10][];
        var counts = new int[10];
        for (var c = 0; c < 10; c++)
        {
            centroids[c] = new double[6];
        }

        for (var i = 0; i < train.Count; i++)
        {
            var f = Features(train, i);
            var label = train.Label(i);
            counts[label]++;
            for (var k = 0; k < f.Length; k++)
            {
                centroids[label][k] += f[k];
            }
        }

        for (var c = 0; c < 10; c++)
        {
            for (var k = 0; k < 6; k++)
            {
                centroids[c][k] /= counts[c];
            }
        }

        var correct = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var f = Features(test, i);
            var best = Enumerable.Range(0, 10).MinBy(c => centroids[c].Zip(f, (a, b) => (a - b) * (a - b)).Sum());
            correct += best == test.Label(i) ? 1 : 0;
        }

        Assert.True(correct > test.Count * 0.6, $"nearest-centroid accuracy {correct}/{test.Count} is not far above chance (10%)");
    }

    // Mean of each channel over the brightest-saturated quarter of pixels and over all pixels.
    private static double[] Features(Stl10SplitReader reader, int index)
    {
        var hwc = new float[reader.Shape.Bytes];
        reader.ReadImage(index, hwc, PixelLayout.Hwc);
        var pixels = Enumerable.Range(0, hwc.Length / 3).Select(p => (R: hwc[p * 3], G: hwc[(p * 3) + 1], B: hwc[(p * 3) + 2])).ToArray();
        var vivid = pixels.OrderByDescending(p => Math.Max(p.R, Math.Max(p.G, p.B)) - Math.Min(p.R, Math.Min(p.G, p.B))).Take(pixels.Length / 4).ToArray();
        return [vivid.Average(p => p.R), vivid.Average(p => p.G), vivid.Average(p => p.B), pixels.Average(p => p.R), pixels.Average(p => p.G), pixels.Average(p => p.B)];
    }

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
