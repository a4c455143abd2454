using System.Text;
using System.Text.Json;
using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.Spool;

/// <summary>Reads a spool file; a torn last line (no '\n') or an unreadable line is skipped.</summary>
internal static class SpoolReader
{
    public static List<SpoolRecord> Read(string spoolDirectory)
    {
        var path = SpoolPaths.Events(spoolDirectory);
        var records = new List<SpoolRecord>();
        if (!File.Exists(path))
        {
            return records;
        }

        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        var complete = text.LastIndexOf('\n');
        foreach (var line in text[..(complete + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                if (JsonSerializer.Deserialize<SpoolRecord>(line, MlflowJson.Options) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A damaged line cannot be replayed; the replayer reports the gap in sequence numbers.
            }
        }

        return records;
    }
}
