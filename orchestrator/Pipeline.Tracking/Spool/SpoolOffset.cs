using System.Text.Json;
using Pipeline.Tracking.Io;
using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.Spool;

/// <summary>Replay progress, saved atomically after each acknowledged event.</summary>
internal sealed class SpoolOffset
{
    public long AckedSeq { get; set; }

    public Dictionary<string, string> RunIds { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Experiments { get; set; } = new(StringComparer.Ordinal);

    public static SpoolOffset Load(string spoolDirectory)
    {
        var path = SpoolPaths.Offset(spoolDirectory);
        if (!File.Exists(path))
        {
            return new SpoolOffset();
        }

        try
        {
            return JsonSerializer.Deserialize<SpoolOffset>(File.ReadAllText(path), MlflowJson.Options) ?? new SpoolOffset();
        }
        catch (JsonException)
        {
            // A damaged offset means "start over": metric de-duplication and param idempotency make that safe.
            return new SpoolOffset();
        }
    }

    public void Save(string spoolDirectory) =>
        AtomicFile.WriteAllText(SpoolPaths.Offset(spoolDirectory), JsonSerializer.Serialize(this, MlflowJson.Options));
}
