using System.IO.Compression;
using System.Text;

namespace Pipeline.Stages.Download.Extraction;

/// <summary>Says what a file that should have been a <c>.tar.gz</c> is instead, from its first bytes.</summary>
public static class ArchiveSniffer
{
    /// <summary>For example "gzip-compressed HTML (an error page?)" or "a zip archive".</summary>
    public static string Describe(string path)
    {
        var head = ReadHead(path, null);
        if (head is [0x1F, 0x8B, ..])
        {
            try
            {
                return $"gzip-compressed {Kind(ReadHead(path, s => new GZipStream(s, CompressionMode.Decompress)))}";
            }
            catch (InvalidDataException)
            {
                return "damaged gzip data";
            }
        }

        return Kind(head);
    }

    private static string Kind(byte[] head)
    {
        if (head.Length == 0)
        {
            return "empty";
        }

        if (head.Length >= 262 && Encoding.ASCII.GetString(head, 257, 5) == "ustar")
        {
            return "a tar archive";
        }

        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head switch
        {
            [0x1F, 0x8B, ..] => "gzip data (compressed twice?)",
            [(byte)'P', (byte)'K', 3, 4, ..] => "a zip archive",
            [(byte)'B', (byte)'Z', (byte)'h', ..] => "bzip2 data",
            [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, ..] => "xz data",
            [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "a PDF document",
            _ when text.StartsWith('<') && text.Contains("html", StringComparison.OrdinalIgnoreCase) => "HTML (an error or login page?)",
            _ when text.StartsWith('<') => "XML or HTML",
            _ when text.StartsWith('{') || text.StartsWith('[') => "JSON or text",
            _ when head.All(b => b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t') => $"text starting \"{Shorten(text)}\"",
            _ => $"unknown binary data (first bytes {Convert.ToHexString(head.AsSpan(0, Math.Min(8, head.Length)))})",
        };
    }

    private static string Shorten(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= 40 ? line : line[..40] + "...";
    }

    private static byte[] ReadHead(string path, Func<Stream, Stream>? wrap)
    {
        using var file = File.OpenRead(path);
        using var stream = wrap is null ? file : wrap(file);
        var buffer = new byte[512];
        var total = 0;
        int n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += n;
        }

        return buffer[..total];
    }
}
