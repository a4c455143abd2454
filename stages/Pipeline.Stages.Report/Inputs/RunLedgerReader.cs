using System.Globalization;
using System.Text.Json;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>
/// Reads <c>run.json</c> (the engine's run ledger, snake_case) without referencing the engine: unknown fields are
/// ignored and missing ones become null, so a newer or older ledger still shows what it has.
/// </summary>
internal static class RunLedgerReader
{
    // run.json format 1 records plan order only; a ledger that names dependencies gets a layered graph.
    private static readonly string[] DependencyKeys = ["depends_on", "needs", "after"];

    /// <summary>Reads the ledger at <paramref name="path"/>; throws <see cref="JsonException"/> or <see cref="IOException"/> when unreadable.</summary>
    public static LedgerRun Read(string path)
    {
        // The orchestrator replaces run.json atomically while we run; share access so we never block it.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("run.json is not a JSON object");
        }

        var stages = root.TryGetProperty("stages", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(ReadStage).ToList()
            : [];
        return new LedgerRun(
            path,
            Text(root, "run_id"),
            Text(root, "pipeline"),
            Text(root, "pipeline_file"),
            Text(root, "status"),
            Text(root, "started"),
            Text(root, "ended"),
            stages);
    }

    private static LedgerStage ReadStage(JsonElement stage)
    {
        var summary = stage.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object
            ? s.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => KeyValuePair.Create(p.Name, p.Value.GetDouble())).ToList()
            : [];
        var dependsOn = DependencyKeys
            .Where(k => stage.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.Array)
            .SelectMany(k => stage.GetProperty(k).EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!))
            .Distinct()
            .ToList();
        return new LedgerStage(
            Text(stage, "id") ?? "?",
            Text(stage, "type") ?? "?",
            Text(stage, "key"),
            Text(stage, "status") ?? "unknown",
            stage.TryGetProperty("cache_hit", out var hit) && hit.ValueKind == JsonValueKind.True,
            Text(stage, "reason"),
            stage.TryGetProperty("duration_seconds", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null,
            Text(stage, "error"),
            dependsOn,
            summary);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    /// <summary>An ISO timestamp shortened to "yyyy-MM-dd HH:mm:ss UTC" when it parses; else as written.</summary>
    public static string? ShortTime(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : iso;
}
