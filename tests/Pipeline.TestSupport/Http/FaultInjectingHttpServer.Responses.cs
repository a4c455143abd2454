using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.TestSupport.Http;

/// <summary>The server's answers: the content (whole or a range) with the queued fault, and HTTP/1.1 read and written by hand.</summary>
public sealed partial class FaultInjectingHttpServer
{
    private async Task<bool> RespondAsync(NetworkStream stream, ParsedRequest request, CancellationToken cancellationToken)
    {
        _faults.TryDequeue(out var fault);
        var content = _content;
        var etag = ETag;
        var lastModified = LastModified?.ToString("R", CultureInfo.InvariantCulture);
        if (request.Path.Split('?')[0] != Path)
        {
            Record(request, 404);
            await WriteHeadAsync(stream, 404, "Not Found", [("Content-Length", "0")], cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (fault?.StatusCode is { } status)
        {
            Record(request, status);
            var headers = new List<(string, string)> { ("Content-Length", "0") };
            if (fault.RetryAfterSeconds is { } seconds)
            {
                headers.Add(("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
            }

            await WriteHeadAsync(stream, status, "Injected Fault", headers, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var validators = new List<(string, string)>();
        if (etag is not null)
        {
            validators.Add(("ETag", etag));
        }

        if (lastModified is not null)
        {
            validators.Add(("Last-Modified", lastModified));
        }

        long start = 0, end = content.LongLength - 1;
        var partial = false;
        if (!IgnoreRange && request.Range is { } range && IfRangeMatches(request.IfRange, etag, lastModified) && TryParseRange(range, out var from, out var to))
        {
            if (from >= content.LongLength)
            {
                Record(request, 416);
                await WriteHeadAsync(stream, 416, "Range Not Satisfiable", [("Content-Range", $"bytes */{content.LongLength}"), ("Content-Length", "0"), .. validators], cancellationToken).ConfigureAwait(false);
                return false;
            }

            start = from;
            end = Math.Min(to ?? end, end);
            partial = true;
        }

        var length = end - start + 1;
        List<(string, string)> head = [("Content-Type", "application/octet-stream"), ("Accept-Ranges", "bytes"), .. validators];
        if (SendContentLength || partial)
        {
            head.Insert(0, ("Content-Length", length.ToString(CultureInfo.InvariantCulture)));
        }

        if (partial)
        {
            head.Add(("Content-Range", $"bytes {start}-{end}/{content.LongLength}"));
        }

        Record(request, partial ? 206 : 200);
        await WriteHeadAsync(stream, partial ? 206 : 200, partial ? "Partial Content" : "OK", head, cancellationToken).ConfigureAwait(false);
        if (request.Method == "HEAD")
        {
            return false;
        }

        return await WriteBodyAsync(stream, content, start, length, fault, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> WriteBodyAsync(NetworkStream stream, byte[] content, long start, long length, HttpFault? fault, CancellationToken cancellationToken)
    {
        var limit = Math.Min(length, fault?.DropAfterBytes ?? fault?.StallAfterBytes ?? long.MaxValue);
        var rate = BytesPerSecond;
        var chunk = rate is { } bps ? (int)Math.Clamp(bps / 20, 1, ChunkBytes) : ChunkBytes;
        var corrupt = CorruptByteAt;
        var buffer = new byte[chunk];
        long sent = 0;
        while (sent < limit)
        {
            var n = (int)Math.Min(chunk, limit - sent);
            Array.Copy(content, start + sent, buffer, 0, n);
            if (corrupt is { } at && at >= start + sent && at < start + sent + n)
            {
                buffer[at - start - sent] ^= 0xFF;
            }

            await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            sent += n;
            if (rate is not null)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (sent < length && fault?.StallAfterBytes is not null)
        {
            Task release;
            lock (_gate)
            {
                _stalled.TrySetResult();
                release = _release.Task;
            }

            await release.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return sent < length && fault?.Reset == true;
    }

    private void Record(ParsedRequest request, int status)
    {
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(request.Method, request.Path, request.Range, request.IfRange, status));
        }
    }

    private static bool IfRangeMatches(string? ifRange, string? etag, string? lastModified) =>
        ifRange is null || ifRange == etag || ifRange == lastModified;

    private static bool TryParseRange(string range, out long from, out long? to)
    {
        from = 0;
        to = null;
        if (!range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || range.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = range[6..].Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            return false;
        }

        if (parts[1].Length > 0)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) || last < from)
            {
                return false;
            }

            to = last;
        }

        return true;
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, string reason, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        text.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ParsedRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        var filled = 0;
        int end;
        while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == buffer.Length)
            {
                return null;
            }

            var n = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            filled += n;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 2)
        {
            return null;
        }

        string? Header(string name) =>
            lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).FirstOrDefault();

        return new ParsedRequest(requestLine[0], requestLine[1], Header("Range"), Header("If-Range"));
    }

    private sealed record ParsedRequest(string Method, string Path, string? Range, string? IfRange);
}
