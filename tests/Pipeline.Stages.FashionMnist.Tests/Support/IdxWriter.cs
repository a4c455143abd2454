using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Stages.FashionMnist.Tests.Support;

/// <summary>Writes hand-made IDX files (gzip-compressed when the name ends with <c>.gz</c>), with knobs to corrupt the header.</summary>
public static class IdxWriter
{
    /// <summary>An images file: magic, count, rows, columns, then the pixels (row-major per image).</summary>
    public static void Images(string path, int count, int rows, int columns, Func<int, int, int, byte> pixel, int magic = 0x00000803, int? headerCount = null)
    {
        var body = new byte[count * rows * columns];
        for (var i = 0; i < count; i++)
        {
            for (var y = 0; y < rows; y++)
            {
                for (var x = 0; x < columns; x++)
                {
                    body[(i * rows * columns) + (y * columns) + x] = pixel(i, y, x);
                }
            }
        }

        Write(path, [magic, headerCount ?? count, rows, columns], body);
    }

    /// <summary>A labels file: magic, count, then one byte per label.</summary>
    public static void Labels(string path, byte[] labels, int magic = 0x00000801, int? headerCount = null) =>
        Write(path, [magic, headerCount ?? labels.Length], labels);

    /// <summary>A file of the given big-endian header ints and body bytes.</summary>
    public static void Write(string path, int[] header, byte[] body)
    {
        var bytes = new byte[(header.Length * 4) + body.Length];
        for (var k = 0; k < header.Length; k++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(k * 4), header[k]);
        }

        body.CopyTo(bytes, header.Length * 4);
        using var file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            file.Write(bytes);
        }
    }
}
