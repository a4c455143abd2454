using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Data.FashionMnist;

/// <summary>
/// Facts about the IDX format of (Fashion-)MNIST: a big-endian header (magic number, then one int32 per
/// dimension) followed by unsigned bytes. Files may be gzip-compressed (<c>.gz</c>) and are then read streaming.
/// </summary>
public static class IdxFormat
{
    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (count, rows, columns): images.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (count): labels.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing on the fly when it ends with <c>.gz</c>.</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: false), 1 << 16)
            : file;
    }

    /// <summary>Reads the magic number and <paramref name="dimensions"/> sizes, checking the magic; errors name the file.</summary>
    internal static int[] ReadHeader(Stream stream, string path, int expectedMagic, int dimensions)
    {
        // The magic comes first and is checked alone, so a file of the wrong kind is named as such even when it is
        // shorter than the header this kind would have.
        var header = new byte[4 * (1 + dimensions)];
        var read = ReadFully(stream, header.AsSpan(0, 4), path);
        if (read == 4)
        {
            var magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != expectedMagic)
            {
                throw new InvalidDataException(
                    $"{path}: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} ({Describe(expectedMagic)}); the file is not an IDX {Describe(expectedMagic)} file or is corrupt");
            }

            read += ReadFully(stream, header.AsSpan(4), path);
        }

        if (read < header.Length)
        {
            throw new InvalidDataException($"{path}: the file ends after {read} bytes, inside the {header.Length}-byte IDX header");
        }

        var sizes = new int[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * (d + 1)));
            if (sizes[d] < 0)
            {
                throw new InvalidDataException($"{path}: dimension {d} of the IDX header is {sizes[d]}, expected 0 or more");
            }
        }

        return sizes;
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="stream"/> and returns how many bytes it got (less only at the end).</summary>
    internal static int ReadFully(Stream stream, Span<byte> buffer, string path)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var n = stream.Read(buffer[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: not a valid gzip stream: {ex.Message}", ex);
        }

        return total;
    }

    /// <summary>Throws unless <paramref name="stream"/> has no bytes left: an IDX file holds exactly what its header says.</summary>
    internal static void ExpectEnd(Stream stream, string path, string what)
    {
        Span<byte> probe = stackalloc byte[1];
        if (ReadFully(stream, probe, path) != 0)
        {
            throw new InvalidDataException($"{path}: there are bytes after the {what} the header announces; the file is corrupt");
        }
    }

    private static string Describe(int magic) => magic switch
    {
        ImagesMagic => "3-dimensional unsigned bytes: images",
        LabelsMagic => "1-dimensional unsigned bytes: labels",
        _ => "unknown",
    };
}
