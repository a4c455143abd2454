using Pipeline.Data.FashionMnist;
using Pipeline.TestSupport;

namespace Pipeline.Stages.FashionMnist.Tests.Support;

/// <summary>
/// A hand-made Fashion-MNIST directory: 40 train and 20 test images of 28x28 whose every pixel is a known function
/// of (split, image, row, column), with labels 0..9 in a scrambled but balanced order.
/// </summary>
public sealed class TinyFashionMnist : IDisposable
{
    public const int TrainCount = 40;
    public const int TestCount = 20;

    private readonly TempDirectory _dir = new("fashion-mnist-idx");

    public TinyFashionMnist()
    {
        foreach (var (split, count) in new[] { ("train", TrainCount), ("test", TestCount) })
        {
            IdxWriter.Images(ImagesPath(split), count, 28, 28, (i, y, x) => Pixel(split, i, y, x));
            IdxWriter.Labels(LabelsPath(split), [.. Enumerable.Range(0, count).Select(i => Label(split, i))]);
        }
    }

    public string Directory => _dir.Path;

    /// <summary>The IDX byte of pixel (y, x) of image <paramref name="i"/>.</summary>
    public static byte Pixel(string split, int i, int y, int x) =>
        (byte)(((split == "test" ? 101 : 0) + (i * 37) + (y * 11) + (x * 5) + (x * y)) & 0xFF);

    /// <summary>The zero-based label of image <paramref name="i"/>: each class equally often, not in index order.</summary>
    public static byte Label(string split, int i) => (byte)(((i * 3) + (split == "test" ? 1 : 0)) % 10);

    public string ImagesPath(string split) => Path.Combine(Directory, FashionMnistFormat.ImagesFile(split));

    public string LabelsPath(string split) => Path.Combine(Directory, FashionMnistFormat.LabelsFile(split));

    public void Dispose() => _dir.Dispose();
}
