using Pipeline.Data.FashionMnist;
using Pipeline.Stages.FashionMnist.Tests.Support;
using Pipeline.TestSupport;

namespace Pipeline.Stages.FashionMnist.Tests.Idx;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("idx-reader");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("images.gz")]
    [InlineData("images")]
    public void Images_stream_row_major_from_gzip_or_plain_files(string name)
    {
        var path = _dir.Combine(name);
        IdxWriter.Images(path, count: 3, rows: 2, columns: 4, (i, y, x) => (byte)((i * 100) + (y * 10) + x));

        using var reader = IdxImageReader.Open(path);
        var image = new byte[reader.ImageBytes];

        Assert.Equal((3, 2, 4), (reader.Count, reader.Rows, reader.Columns));
        reader.ReadNext(image);
        reader.ReadNext(image);
        Assert.Equal(new byte[] { 100, 101, 102, 103, 110, 111, 112, 113 }, image);
        reader.ReadNext(image);
        Assert.Throws<InvalidOperationException>(() => reader.ReadNext(image));
    }

    [Fact]
    public void Labels_are_read_whole()
    {
        var path = _dir.Combine("labels.gz");
        IdxWriter.Labels(path, [9, 0, 3]);

        Assert.Equal(new byte[] { 9, 0, 3 }, IdxLabelReader.ReadAll(path));
    }

    [Fact]
    public void A_labels_file_where_images_are_expected_is_rejected_naming_the_file_and_the_magic()
    {
        var path = _dir.Combine("train-images-idx3-ubyte.gz");
        IdxWriter.Labels(path, [1, 2, 3]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxImageReader.Open(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("magic number 0x00000801, expected 0x00000803", ex.Message);
    }

    [Fact]
    public void An_images_file_where_labels_are_expected_is_rejected_naming_the_file_and_the_magic()
    {
        var path = _dir.Combine("labels.gz");
        IdxWriter.Images(path, 1, 28, 28, (_, _, _) => 0);

        var ex = Assert.Throws<InvalidDataException>(() => IdxLabelReader.ReadAll(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("expected 0x00000801", ex.Message);
    }

    [Fact]
    public void A_header_cut_short_is_rejected()
    {
        var path = _dir.Combine("short.gz");
        IdxWriter.Write(path, [0x00000803, 5], []);

        var ex = Assert.Throws<InvalidDataException>(() => IdxImageReader.Open(path));

        Assert.Contains($"{path}: the file ends after 8 bytes, inside the 16-byte IDX header", ex.Message);
    }

    [Fact]
    public void An_images_file_with_fewer_images_than_announced_is_rejected()
    {
        var path = _dir.Combine("images.gz");
        IdxWriter.Images(path, count: 2, rows: 28, columns: 28, (_, _, _) => 7, headerCount: 3);
        using var reader = IdxImageReader.Open(path);
        var image = new byte[reader.ImageBytes];
        reader.ReadNext(image);
        reader.ReadNext(image);

        var ex = Assert.Throws<InvalidDataException>(() => reader.ReadNext(image));

        Assert.Contains($"{path}: the file ends inside image 2 of the 3", ex.Message);
    }

    [Fact]
    public void Bytes_after_the_announced_labels_are_rejected()
    {
        var path = _dir.Combine("labels.gz");
        IdxWriter.Labels(path, [1, 2, 3], headerCount: 2);

        var ex = Assert.Throws<InvalidDataException>(() => IdxLabelReader.ReadAll(path));

        Assert.Contains($"{path}: there are bytes after the 2 labels", ex.Message);
    }

    [Fact]
    public void A_gz_file_that_is_not_gzip_is_rejected_naming_the_file()
    {
        var path = _dir.Combine("labels.gz");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 7))]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxLabelReader.ReadAll(path));

        Assert.Contains(path, ex.Message);
    }
}
