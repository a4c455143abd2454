using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// DuckDB, an independent Parquet reader (its own C++ implementation, nothing shared with Parquet.Net), run through
/// tools/duckdb/query.mjs. scripts/install-duckdb.sh installs it; CI runs that script.
/// </summary>
internal static class DuckDb
{
    private static string Script => Path.Combine(RepoRoot.Path, "tools", "duckdb", "query.mjs");

    public static string InstallHint =>
        $"DuckDB for Node is not installed under {Path.Combine(RepoRoot.Path, "tools", "duckdb")}: run scripts/install-duckdb.sh (CI does)";

    public static bool IsInstalled => Directory.Exists(Path.Combine(RepoRoot.Path, "tools", "duckdb", "node_modules", "@duckdb", "node-api"));

    /// <summary>Runs one statement and returns its rows (BIGINT values come back as JSON strings).</summary>
    public static async Task<JsonElement[]> QueryAsync(string sql)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(sql);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"DuckDB failed on `{sql}`: {await stderr}");
        }

        using var json = JsonDocument.Parse(await stdout);
        return json.RootElement.EnumerateArray().Select(row => row.Clone()).ToArray();
    }

    /// <summary>The single value of a one-row, one-column query, as a double (BIGINT strings are parsed).</summary>
    public static async Task<double> ScalarAsync(string sql)
    {
        var rows = await QueryAsync(sql);
        var value = rows.Single().EnumerateObject().Single().Value;
        return value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : value.GetDouble();
    }

    public static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
