using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// DuckDB, an independent Parquet reader (its own C++ implementation, nothing shared with Parquet.Net), in-process
/// through DuckDB.NET: its native library ships inside the DuckDB.NET.Data.Full package, so nothing is installed.
/// </summary>
internal sealed class DuckDb : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDb() => _connection.Open();

    /// <summary>The single value of a one-row, one-column query, as a double (BIGINT, HUGEINT and DECIMAL included).</summary>
    public async Task<double> ScalarAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"DuckDB returned no row for `{sql}`");
        Assert.Equal(1, reader.FieldCount);
        var value = reader.GetValue(0);
        Assert.False(await reader.ReadAsync(), $"DuckDB returned more than one row for `{sql}`");
        return value switch
        {
            BigInteger big => (double)big,
            DBNull => throw new InvalidOperationException($"DuckDB returned NULL for `{sql}`"),
            _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Every row of a two-column query, as (integer, double) pairs.</summary>
    public async Task<List<(long Key, double Value)>> PairsAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(2, reader.FieldCount);
        var rows = new List<(long, double)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    public static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    public void Dispose() => _connection.Dispose();
}
