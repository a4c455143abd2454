using Pipeline.Data;
using Pipeline.Data.Stl10;
using Pipeline.TestSupport;

namespace Pipeline.Data.Tests.Stl10;

public sealed class Stl10ReaderWriterTests
{
    [Fact]
    public void Written_images_and_labels_read_back_identically()
    {
        using var dir = new TempDirectory();
        var shape = ImageShape.Stl10;
        var images = Enumerable.Range(0, 5).Select(i => RandomImage(shape, i)).ToArray();
        byte[] labels = [0, 9, 3, 3, 1];

        Stl10Writer.WriteImages(dir.Combine("test_X.bin"), images.Length, shape, (i, stored) => PixelOrder.FromLayout(images[i], stored, shape, PixelLayout.Hwc));
        Stl10Writer.WriteLabels(dir.Combine("test_y.bin"), labels);
        DatasetInfo.ForStl10(new Dictionary<string, int> { ["test"] = 5 }).Save(dir.Path);

        var dataset = Stl10DatasetReader.Open(dir.Path);
        using var reader = dataset.OpenSplit("test");
        Assert.Equal(5, reader.Count);
        Assert.Equal(labels, reader.Labels.ToArray());
        Assert.Equal(new byte[] { 1, 10, 4, 4, 2 }, File.ReadAllBytes(dir.Combine("test_y.bin")));
        var hwc = new byte[shape.Bytes];
        for (var i = 0; i < images.Length; i++)
        {
            reader.ReadImage(i, hwc, PixelLayout.Hwc);
            Assert.Equal(images[i], hwc);
        }

        var batch = new byte[2 * shape.Bytes];
        reader.ReadBatch([4, 0], batch, PixelLayout.Hwc);
        Assert.Equal(images[4], batch[..shape.Bytes]);
        Assert.Equal(images[0], batch[shape.Bytes..]);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Reader_takes_the_image_size_from_dataset_json()
    {
        using var dir = new TempDirectory();
        var shape = new ImageShape(1, 28, 28);
        var image = RandomImage(shape, 7);
        Stl10Writer.WriteImages(dir.Combine("train_X.bin"), 3, shape, (_, stored) => PixelOrder.FromLayout(image, stored, shape, PixelLayout.Chw));
        new DatasetInfo { Channels = 1, Height = 28, Width = 28, ClassNames = ["a", "b"], Superclasses = new Dictionary<string, IReadOnlyList<string>>() }.Save(dir.Path);

        var dataset = Stl10DatasetReader.Open(dir.Path);
        using var reader = dataset.OpenSplit("train");
        var floats = new float[3 * 784];
        reader.ReadBatch([0, 1, 2], floats);

        Assert.Equal(3, reader.Count);
        Assert.Equal(shape, dataset.Info.Shape);
        Assert.Equal(image[(5 * 28) + 9] / 255f, floats[784 + (5 * 28) + 9], 6);
    }

    [Fact]
    public void Reader_rejects_an_images_file_that_is_not_whole_images()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("train_X.bin"), new byte[27648 + 5]);

        var ex = Assert.Throws<InvalidDataException>(() => new Stl10SplitReader(dir.Path, "train", ImageShape.Stl10));
        Assert.Contains("27653", ex.Message);
    }

    [Fact]
    public void Fold_indices_are_parsed_as_ints_and_remapped()
    {
        var folds = FoldIndices.Parse("4999 0 300\n12 4999\n");
        Assert.Equal([4999, 0, 300], folds[0]);
        Assert.Equal(2, folds.Count);

        var remapped = FoldIndices.Remap(folds, new Dictionary<int, int> { [300] = 0, [4999] = 1 });
        Assert.Equal([1, 0], remapped[0]);
        Assert.Equal([1], remapped[1]);
        Assert.Equal("4999 0 300\n12 4999\n", FoldIndices.Format(folds));
        var withEmptyLast = FoldIndices.Parse(FoldIndices.Format([[1, 2], []]));
        Assert.Equal(2, withEmptyLast.Count);
        Assert.Empty(withEmptyLast[1]);
    }

    private static byte[] RandomImage(ImageShape shape, int seed)
    {
        var bytes = new byte[shape.Bytes];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
