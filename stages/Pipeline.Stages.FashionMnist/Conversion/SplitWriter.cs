using Pipeline.Data;
using Pipeline.Data.FashionMnist;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.FashionMnist.Conversion;

/// <summary>Writes the chosen images of each split into the STL-10 layout (planar, column-major; labels from 1), one file at a time, atomically.</summary>
internal sealed class SplitWriter
{
    private const int FileCount = 5;
    private readonly string _directory;
    private readonly IStageReporter _reporter;
    private readonly CancellationToken _cancellationToken;
    private int _written;

    public SplitWriter(string directory, IStageReporter reporter, CancellationToken cancellationToken)
    {
        _directory = directory;
        _reporter = reporter;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Writes <c>{split}_X.bin</c> and <c>{split}_y.bin</c> from the images at <paramref name="indices"/>.</summary>
    public void WriteLabeled(string split, int[] indices, ImageStore images, byte[] labels)
    {
        WriteImages(split, indices, i => images.Image(i));
        var kept = new byte[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            kept[i] = labels[indices[i]];
        }

        Stl10Writer.WriteLabels(Path.Combine(_directory, Stl10Format.LabelsFile(split)), kept);
        Report(Stl10Format.LabelsFile(split));
    }

    /// <summary>Writes <c>unlabeled_X.bin</c> from the pool images at <paramref name="indices"/>.</summary>
    public void WriteUnlabeled(int[] indices, ImageSource image) => WriteImages(Stl10Format.Unlabeled, indices, image);

    private void WriteImages(string split, int[] indices, ImageSource image)
    {
        var shape = FashionMnistFormat.Shape;
        Stl10Writer.WriteImages(
            Path.Combine(_directory, Stl10Format.ImagesFile(split)),
            indices.Length,
            shape,
            (i, stored) => PixelOrder.FromLayout(image(indices[i]), stored, shape, PixelLayout.Chw),
            _cancellationToken);
        Report(Stl10Format.ImagesFile(split));
    }

    private void Report(string file)
    {
        _written++;
        _reporter.Progress(new ProgressUpdate("write", _written, FileCount, "files", file));
    }
}
