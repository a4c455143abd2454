using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Pipeline.Engine.Model;

namespace Pipeline.Engine.Yaml;

/// <summary>
/// Reads a pipeline file's text: at most <see cref="YamlLimits.MaxFileBytes"/> bytes, strictly UTF-8 (a UTF-8 or
/// UTF-16 byte order mark is honoured), so that a byte that is not text is refused with its line and byte offset
/// instead of silently becoming U+FFFD.
/// </summary>
internal static class PipelineFileText
{
    /// <summary>The text of <paramref name="path"/>, or null and the reason it cannot be read.</summary>
    public static string? Read(string path, out Diagnostic? error)
    {
        error = null;
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            bytes = ReadAtMost(stream, YamlLimits.MaxFileBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = new Diagnostic(new SourceLocation(path, 0, 0), $"cannot read the pipeline file: {e.Message}");
            return null;
        }

        if (bytes.Length > YamlLimits.MaxFileBytes)
        {
            error = new Diagnostic(new SourceLocation(path, 0, 0),
                string.Create(CultureInfo.InvariantCulture, $"the pipeline file is larger than {YamlLimits.MaxFileBytes:N0} bytes, the most a pipeline file may hold"));
            return null;
        }

        return Decode(bytes, path, out error);
    }

    /// <summary>Strict decoding; the first byte that is not UTF-8 is reported at its line, column and byte offset.</summary>
    public static string? Decode(byte[] bytes, string path, out Diagnostic? error)
    {
        error = null;
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            try
            {
                var encoding = bytes[0] == 0xFF ? new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true);
                return encoding.GetString(bytes, 2, bytes.Length - 2);
            }
            catch (DecoderFallbackException)
            {
                error = new Diagnostic(new SourceLocation(path, 0, 0), "the file starts with a UTF-16 byte order mark but is not valid UTF-16; save it as UTF-8");
                return null;
            }
        }

        var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        var body = bytes.AsSpan(start);
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var offset = start + read;
        var lineStart = bytes.AsSpan(0, offset).LastIndexOf((byte)'\n') + 1;
        var line = bytes.AsSpan(0, offset).Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart) + 1;
        error = new Diagnostic(new SourceLocation(path, line, column), string.Create(CultureInfo.InvariantCulture,
            $"not UTF-8: byte 0x{bytes[offset]:X2} at byte offset {offset} (line {line}) is not valid UTF-8 text; save the file as UTF-8"));
        return null;
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while (buffer.Length < limit && (n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
