using Pipeline.Data.FashionMnist;
using Pipeline.Stages.FashionMnist.Tests.Support;

namespace Pipeline.Stages.FashionMnist.Tests.Idx;

public sealed class FashionMnistSplitTests : IDisposable
{
    private readonly TinyFashionMnist _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_split_reads_its_labels_and_the_requested_images()
    {
        var split = FashionMnistSplit.Open("train", _data.ImagesPath("train"), _data.LabelsPath("train"));

        var images = split.ReadImages([0, 5, 39]);

        Assert.Equal(TinyFashionMnist.TrainCount, split.Count);
        Assert.Equal(Enumerable.Range(0, TinyFashionMnist.TrainCount).Select(i => TinyFashionMnist.Label("train", i)), split.Labels);
        Assert.Equal(3 * 784, images.Length);
        Assert.Equal(TinyFashionMnist.Pixel("train", 5, 3, 17), images[784 + (3 * 28) + 17]);
        Assert.Equal(TinyFashionMnist.Pixel("train", 39, 27, 0), images[(2 * 784) + (27 * 28)]);
    }

    [Fact]
    public void Image_and_label_counts_must_match()
    {
        IdxWriter.Labels(_data.LabelsPath("test"), new byte[TinyFashionMnist.TestCount - 1]);

        var ex = Assert.Throws<InvalidDataException>(() => FashionMnistSplit.Open("test", _data.ImagesPath("test"), _data.LabelsPath("test")));

        Assert.Contains($"{_data.ImagesPath("test")}: 20 images but {_data.LabelsPath("test")} has 19 labels", ex.Message);
    }

    [Fact]
    public void Images_must_be_28x28()
    {
        IdxWriter.Images(_data.ImagesPath("test"), TinyFashionMnist.TestCount, 28, 27, (_, _, _) => 0);

        var ex = Assert.Throws<InvalidDataException>(() => FashionMnistSplit.Open("test", _data.ImagesPath("test"), _data.LabelsPath("test")));

        Assert.Contains($"{_data.ImagesPath("test")}: images of 28x27 pixels, expected 28x28", ex.Message);
    }

    [Fact]
    public void Labels_must_name_one_of_the_ten_classes()
    {
        var labels = new byte[TinyFashionMnist.TestCount];
        labels[4] = 10;
        IdxWriter.Labels(_data.LabelsPath("test"), labels);

        var ex = Assert.Throws<InvalidDataException>(() => FashionMnistSplit.Open("test", _data.ImagesPath("test"), _data.LabelsPath("test")));

        Assert.Contains("label 10 at index 4; expected 0..9", ex.Message);
    }
}
