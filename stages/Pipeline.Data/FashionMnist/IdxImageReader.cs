namespace Pipeline.Data.FashionMnist;

/// <summary>
/// Reads an IDX images file (magic 0x00000803, then count, rows and columns) one image at a time, never holding
/// the whole file; each image is <see cref="Rows"/> x <see cref="Columns"/> bytes, row-major.
/// </summary>
public sealed class IdxImageReader : IDisposable
{
    private readonly Stream _stream;
    private int _next;

    private IdxImageReader(string path, Stream stream, int count, int rows, int columns)
    {
        Path = path;
        _stream = stream;
        Count = count;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>Images the header announces.</summary>
    public int Count { get; }

    /// <summary>Rows per image.</summary>
    public int Rows { get; }

    /// <summary>Columns per image.</summary>
    public int Columns { get; }

    /// <summary>Bytes per image.</summary>
    public int ImageBytes => Rows * Columns;

    /// <summary>Opens <paramref name="path"/> (plain or <c>.gz</c>) and reads its header; a bad header throws <see cref="InvalidDataException"/> naming the file.</summary>
    public static IdxImageReader Open(string path)
    {
        var stream = IdxFormat.OpenRead(path);
        try
        {
            var sizes = IdxFormat.ReadHeader(stream, path, IdxFormat.ImagesMagic, 3);
            return new IdxImageReader(path, stream, sizes[0], sizes[1], sizes[2]);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next image, row-major (pixel (y, x) at <c>y*Columns + x</c>), into <paramref name="destination"/>.</summary>
    public void ReadNext(Span<byte> destination)
    {
        if (destination.Length != ImageBytes)
        {
            throw new ArgumentException($"the destination must hold {ImageBytes} bytes", nameof(destination));
        }

        if (_next >= Count)
        {
            throw new InvalidOperationException($"{Path}: all {Count} images have been read");
        }

        var read = IdxFormat.ReadFully(_stream, destination, Path);
        if (read < destination.Length)
        {
            throw new InvalidDataException($"{Path}: the file ends inside image {_next} of the {Count} its header announces; it is truncated");
        }

        _next++;
        if (_next == Count)
        {
            IdxFormat.ExpectEnd(_stream, Path, $"{Count} images");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
