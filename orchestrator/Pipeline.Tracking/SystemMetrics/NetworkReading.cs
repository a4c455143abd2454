using System.Globalization;

namespace Pipeline.Tracking.SystemMetrics;

/// <summary>Bytes received and sent over every interface, loopback included (as psutil's <c>net_io_counters</c>), in MB.</summary>
public sealed record NetworkReading(double ReceivedMegabytes, double TransmittedMegabytes)
{
    /// <summary>The counters since boot, from <c>/proc/net/dev</c>; null where there is none.</summary>
    public static NetworkReading? FromProc() => File.Exists("/proc/net/dev") ? Parse(ReadAll("/proc/net/dev")) : null;

    /// <summary>Sums the receive and transmit byte columns of <c>/proc/net/dev</c>'s text; null when no interface line is found.</summary>
    public static NetworkReading? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double received = 0, transmitted = 0;
        var interfaces = 0;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            // face: rx bytes packets errs drop fifo frame compressed multicast | tx bytes packets ...
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 16
                || !ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rx)
                || !ulong.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var tx))
            {
                continue;
            }

            received += rx;
            transmitted += tx;
            interfaces++;
        }

        return interfaces == 0 ? null : new NetworkReading(received / 1e6, transmitted / 1e6);
    }

    /// <summary>The traffic since <paramref name="start"/>, rounded to 0.001 MB (never negative: counters can wrap or reset).</summary>
    public NetworkReading Since(NetworkReading start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new NetworkReading(
            Math.Round(Math.Max(0, ReceivedMegabytes - start.ReceivedMegabytes), 3),
            Math.Round(Math.Max(0, TransmittedMegabytes - start.TransmittedMegabytes), 3));
    }

    private static string ReadAll(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
