using System.Text;
using System.Text.Json;
using Pipeline.Tracking.Io;
using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.Spool;

/// <summary>
/// Appends events to the spool, one fsynced JSON line each, with increasing sequence numbers that continue
/// across invocations. Thread-safe; the file is created on the first event only.
/// </summary>
internal sealed class SpoolWriter
{
    private readonly string _directory;
    private readonly Lock _gate = new();
    private long _lastSeq = -1;

    public SpoolWriter(string directory) => _directory = directory;

    public string Directory => _directory;

    public int Written { get; private set; }

    public void Append(SpoolRecord record)
    {
        lock (_gate)
        {
            if (_lastSeq < 0)
            {
                var existing = SpoolReader.Read(_directory);
                var acked = SpoolOffset.Load(_directory).AckedSeq;
                _lastSeq = Math.Max(acked, existing.Count == 0 ? 0 : existing.Max(r => r.Seq));
            }

            var line = JsonSerializer.Serialize(record with { Seq = ++_lastSeq }, MlflowJson.Options) + "\n";
            AppendOnlyFile.AppendLine(SpoolPaths.Events(_directory), Encoding.UTF8.GetBytes(line), flushToDisk: true);
            Written++;
        }
    }
}
