namespace Pipeline.Tracking.Io;

/// <summary>
/// Line-oriented append: each line goes out in one write ending in '\n'. A torn tail left by a crash is cut back
/// to the last complete line before the first append, so new lines never glue onto a fragment.
/// </summary>
internal static class AppendOnlyFile
{
    public static void AppendLine(string path, ReadOnlySpan<byte> lineWithNewline, bool flushToDisk)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        RepairTornTail(stream);
        stream.Seek(0, SeekOrigin.End);
        stream.Write(lineWithNewline);
        stream.Flush(flushToDisk);
    }

    /// <summary>Truncates the stream after its last '\n' (or to empty when it has none).</summary>
    public static void RepairTornTail(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return;
        }

        var buffer = new byte[1];
        stream.Seek(length - 1, SeekOrigin.Begin);
        if (stream.Read(buffer) == 1 && buffer[0] == (byte)'\n')
        {
            return;
        }

        var position = length - 1;
        const int chunk = 4096;
        var block = new byte[chunk];
        while (position > 0)
        {
            var start = Math.Max(0, position - chunk);
            var count = (int)(position - start);
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(block, 0, count);
            var index = Array.LastIndexOf(block, (byte)'\n', count - 1, count);
            if (index >= 0)
            {
                stream.SetLength(start + index + 1);
                return;
            }

            position = start;
        }

        stream.SetLength(0);
    }
}
