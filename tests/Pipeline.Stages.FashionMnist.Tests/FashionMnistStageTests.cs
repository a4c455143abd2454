using Pipeline.Data;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.FashionMnist.Tests.Support;

namespace Pipeline.Stages.FashionMnist.Tests;

public sealed class FashionMnistStageTests : IDisposable
{
    private static readonly string[] ExpectedClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private readonly TinyFashionMnist _data = new();
    private readonly StageHarness _harness = new();

    public void Dispose()
    {
        _harness.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Every_image_reads_back_pixel_exact_with_its_label()
    {
        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory });

        var dataset = Stl10DatasetReader.Open(_harness.DatasetDirectory);
        Assert.Equal(new ImageShape(1, 28, 28), dataset.Info.Shape);
        foreach (var (split, count) in new[] { ("train", TinyFashionMnist.TrainCount), ("test", TinyFashionMnist.TestCount) })
        {
            using var reader = dataset.OpenSplit(split);
            Assert.Equal(count, reader.Count);
            var image = new byte[784];
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(TinyFashionMnist.Label(split, i), reader.Label(i));
                reader.ReadImage(i, image, PixelLayout.Chw);
                AssertImage(split, i, image);
            }
        }
    }

    [Fact]
    public async Task Files_follow_the_stl10_layout_column_major_with_labels_from_one()
    {
        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory });

        var trainX = File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "train_X.bin"));
        var trainY = File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "train_y.bin"));
        Assert.Equal(TinyFashionMnist.TrainCount * 784, trainX.Length);
        Assert.Equal(TinyFashionMnist.Pixel("train", 3, 5, 20), trainX[(3 * 784) + (20 * 28) + 5]);
        Assert.Equal(Enumerable.Range(0, TinyFashionMnist.TrainCount).Select(i => (byte)(TinyFashionMnist.Label("train", i) + 1)), trainY);
        Assert.Equal(ExpectedClassNames, File.ReadAllLines(Path.Combine(_harness.DatasetDirectory, "class_names.txt")));
        Assert.False(File.Exists(Path.Combine(_harness.DatasetDirectory, "fold_indices.txt")));
        Assert.False(File.Exists(Path.Combine(_harness.DatasetDirectory, "unlabeled_y.bin")));
        Assert.DoesNotContain(Directory.GetFiles(_harness.DatasetDirectory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dataset_json_describes_one_channel_28x28_and_the_fashion_classes()
    {
        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory });

        var info = DatasetInfo.Load(_harness.DatasetDirectory);
        Assert.Equal(("stl10-binary", 1, 28, 28), (info.Format, info.Channels, info.Height, info.Width));
        Assert.Equal(ExpectedClassNames, info.ClassNames);
        Assert.Equal(["tops", "bottoms", "footwear", "bags"], info.Superclasses.Keys);
        Assert.Equal(["T-shirt/top", "Pullover", "Dress", "Coat", "Shirt"], info.Superclasses["tops"]);
        Assert.Equal(["Trouser"], info.Superclasses["bottoms"]);
        Assert.Equal(["Sandal", "Sneaker", "Ankle boot"], info.Superclasses["footwear"]);
        Assert.Equal(["Bag"], info.Superclasses["bags"]);
        Assert.Equal(ExpectedClassNames.Order(), info.Superclasses.Values.SelectMany(v => v).Order());
        Assert.Equal(40, info.Splits["train"]);
        Assert.Equal(20, info.Splits["test"]);
        Assert.Equal(40, info.Splits["unlabeled"]);
    }

    [Fact]
    public async Task Counts_are_summary_metrics_and_progress_is_reported()
    {
        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory, UnlabeledFrom = UnlabeledSource.TrainAndTest });

        Assert.Equal(40, _harness.Reporter.Summaries["images_train"]);
        Assert.Equal(20, _harness.Reporter.Summaries["images_test"]);
        Assert.Equal(60, _harness.Reporter.Summaries["images_unlabeled"]);
        var progress = _harness.Reporter.ProgressUpdates;
        Assert.Contains(progress, p => p.Phase == "read train images" && p.Done == 40 && p.Total == 40);
        Assert.Contains(progress, p => p.Phase == "read test images" && p.Done == 20 && p.Total == 20);
        Assert.Equal(new ProgressUpdate("write", 5, 5, "files", "unlabeled_X.bin"), progress[^1]);
    }

    [Fact]
    public async Task By_default_the_unlabeled_split_is_the_train_images_without_labels()
    {
        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory });

        Assert.Equal(
            File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "train_X.bin")),
            File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "unlabeled_X.bin")));
        using var unlabeled = Stl10DatasetReader.Open(_harness.DatasetDirectory).OpenSplit("unlabeled");
        Assert.False(unlabeled.HasLabels);
    }

    [Fact]
    public async Task Train_and_test_puts_the_test_images_after_the_train_images_in_the_unlabeled_split()
    {
        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory, UnlabeledFrom = UnlabeledSource.TrainAndTest });

        using var unlabeled = Stl10DatasetReader.Open(_harness.DatasetDirectory).OpenSplit("unlabeled");
        var image = new byte[784];
        Assert.Equal(60, unlabeled.Count);
        unlabeled.ReadImage(39, image);
        AssertImage("train", 39, image);
        unlabeled.ReadImage(40, image);
        AssertImage("test", 0, image);
        unlabeled.ReadImage(59, image);
        AssertImage("test", 19, image);
    }

    [Fact]
    public async Task A_subset_is_class_balanced_deterministic_and_keeps_pixels_and_labels_together()
    {
        var parameters = new FashionMnistParams
        {
            Directory = _data.Directory,
            Subset = new SubsetParams { Unlabeled = 15, Train = 20, Test = 10 },
            UnlabeledFrom = UnlabeledSource.TrainAndTest,
        };

        await _harness.RunAsync(parameters, seed: 3);
        var first = Directory.GetFiles(_harness.DatasetDirectory).Order().Select(File.ReadAllBytes).ToList();
        await _harness.RunAsync(parameters, seed: 3);

        Assert.Equal(first, Directory.GetFiles(_harness.DatasetDirectory).Order().Select(File.ReadAllBytes).ToList());
        var dataset = Stl10DatasetReader.Open(_harness.DatasetDirectory);
        Assert.Equal(15, dataset.Info.Splits["unlabeled"]);
        foreach (var (split, perClass) in new[] { ("train", 2), ("test", 1) })
        {
            using var reader = dataset.OpenSplit(split);
            Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(perClass, reader.Labels.ToArray().Count(l => l == c)));
            var image = new byte[784];
            var sources = new List<int>();
            for (var i = 0; i < reader.Count; i++)
            {
                reader.ReadImage(i, image);
                var source = SourceIndex(split, image);
                AssertImage(split, source, image);
                Assert.Equal(TinyFashionMnist.Label(split, source), reader.Label(i));
                sources.Add(source);
            }

            Assert.Equal(sources.Order(), sources);
        }
    }

    [Fact]
    public async Task A_different_seed_picks_a_different_subset()
    {
        var parameters = new FashionMnistParams { Directory = _data.Directory, Subset = new SubsetParams { Unlabeled = 10, Train = 10, Test = 10 } };

        await _harness.RunAsync(parameters, seed: 1);
        var one = File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "unlabeled_X.bin"));
        await _harness.RunAsync(parameters, seed: 2);

        Assert.NotEqual(one, File.ReadAllBytes(Path.Combine(_harness.DatasetDirectory, "unlabeled_X.bin")));
    }

    [Fact]
    public async Task A_missing_directory_says_how_to_install_the_files()
    {
        var missing = Path.Combine(_harness.Root, "no-such-dir");

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new FashionMnistParams { Directory = missing }));

        Assert.Contains("apt-get install dataset-fashion-mnist", ex.Message);
        Assert.Contains(missing, ex.Message);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task Missing_files_are_all_named_with_the_install_hint()
    {
        File.Delete(_data.ImagesPath("test"));
        File.Delete(_data.LabelsPath("train"));

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory }));

        Assert.Contains(_data.ImagesPath("test"), ex.Message);
        Assert.Contains(_data.LabelsPath("train"), ex.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", ex.Message);
    }

    [Fact]
    public async Task Uncompressed_idx_files_are_accepted()
    {
        foreach (var path in Directory.GetFiles(_data.Directory))
        {
            using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress))
            using (var plain = File.Create(Path.ChangeExtension(path, null)))
            {
                gzip.CopyTo(plain);
            }

            File.Delete(path);
        }

        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory });

        Assert.Equal(40, DatasetInfo.Load(_harness.DatasetDirectory).Splits["train"]);
    }

    [Fact]
    public async Task A_corrupt_header_fails_the_stage_naming_the_file_and_what_was_expected()
    {
        IdxWriter.Images(_data.ImagesPath("train"), TinyFashionMnist.TrainCount, 28, 28, (_, _, _) => 0, magic: 0x00000802);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory }));

        Assert.Contains(_data.ImagesPath("train"), ex.Message);
        Assert.Contains("magic number 0x00000802, expected 0x00000803", ex.Message);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task A_truncated_images_file_fails_the_stage_and_leaves_no_output()
    {
        IdxWriter.Images(_data.ImagesPath("test"), TinyFashionMnist.TestCount - 1, 28, 28, (_, _, _) => 0, headerCount: TinyFashionMnist.TestCount);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory }));

        Assert.Contains($"{_data.ImagesPath("test")}: the file ends inside image 19", ex.Message);
        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    [Fact]
    public async Task A_subset_larger_than_the_split_is_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<StageFailedException>(() =>
            _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory, Subset = new SubsetParams { Unlabeled = 41 } }));

        Assert.Contains("subset.unlabeled asks for 41 images but unlabeled_from gives 40 train images", ex.Message);
    }

    [Fact]
    public async Task A_rerun_replaces_whatever_the_output_held()
    {
        Directory.CreateDirectory(_harness.DatasetDirectory);
        File.WriteAllText(Path.Combine(_harness.DatasetDirectory, "fold_indices.txt"), "stale\n");

        await _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory });

        Assert.False(File.Exists(Path.Combine(_harness.DatasetDirectory, "fold_indices.txt")));
    }

    [Fact]
    public async Task Cancellation_stops_the_stage_before_it_writes()
    {
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _harness.RunAsync(new FashionMnistParams { Directory = _data.Directory }, cancellationToken: cts.Token, onProgress: _ => cts.Cancel()));

        Assert.False(Directory.Exists(_harness.DatasetDirectory));
    }

    private static void AssertImage(string split, int index, byte[] chw)
    {
        for (var y = 0; y < 28; y++)
        {
            for (var x = 0; x < 28; x++)
            {
                if (chw[(y * 28) + x] != TinyFashionMnist.Pixel(split, index, y, x))
                {
                    Assert.Fail($"{split} image {index}: pixel ({y}, {x}) is {chw[(y * 28) + x]}, expected {TinyFashionMnist.Pixel(split, index, y, x)}");
                }
            }
        }
    }

    /// <summary>Pixel (0, 0) is (offset + 37 i) mod 256, and 37 is odd, so it identifies the source image.</summary>
    private static int SourceIndex(string split, byte[] chw) =>
        Enumerable.Range(0, split == "train" ? TinyFashionMnist.TrainCount : TinyFashionMnist.TestCount)
            .Single(i => TinyFashionMnist.Pixel(split, i, 0, 0) == chw[0]);
}
