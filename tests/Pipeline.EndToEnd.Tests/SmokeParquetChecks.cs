using System.Globalization;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// Reads every Parquet output of a smoke run with DuckDB's SQL, in-process, a reader that shares no code with ours,
/// and checks that what it reads agrees with itself and with the stage's summary: the linear probe's accuracy recomputed from the
/// predictions, one 512-d row per test image in the embeddings, t-SNE coordinates for the same images and labels.
/// </summary>
internal static class SmokeParquetChecks
{
    public static async Task AssertReadableByDuckDbAsync(string cache, double testTop1)
    {
        using var duckDb = new DuckDb();
        string Table(string name) =>
            $"read_parquet({DuckDb.Quote(Directory.GetFiles(cache, name + ".parquet", SearchOption.AllDirectories).Single())})";

        var predictions = Table("predictions");
        var rows = await duckDb.ScalarAsync($"select count(*) from {predictions}");
        Assert.True(rows > 0, "predictions.parquet has no rows");
        var accuracy = await duckDb.ScalarAsync($"select avg(case when correct then 1.0 else 0.0 end) from {predictions}");
        Assert.True(
            Math.Abs(accuracy - testTop1) < 1e-9,
            $"DuckDB's accuracy from predictions.parquet {Format(accuracy)} differs from the summary's test_top1 {Format(testTop1)}");
        Assert.Equal(0, await duckDb.ScalarAsync($"select count(*) from {predictions} where correct <> (label = predicted)"));

        var metrics = Table("metrics");
        Assert.Equal(rows, await duckDb.ScalarAsync($"select sum(support) from {metrics} where model = 'pretrained'"));
        Assert.Equal(
            Math.Round(accuracy * rows),
            await duckDb.ScalarAsync($"select sum(correct) from {metrics} where model = 'pretrained'"));

        var embeddings = Table("embeddings");
        Assert.Equal(rows, await duckDb.ScalarAsync($"select count(*) from {embeddings} where split = 'test'"));
        Assert.Equal(
            512,
            await duckDb.ScalarAsync($"select count(*) from (describe select * from {embeddings}) where regexp_matches(column_name, '^f[0-9]+$')"));
        var cells = await duckDb.ScalarAsync(
            $"select count(*) from (unpivot (select columns('^f[0-9]+$') from {embeddings}) on columns(*) into name k value v) where isfinite(v)");
        Assert.Equal(rows * 512, cells);
        Assert.True(
            await duckDb.ScalarAsync($"select count(distinct superclass) from {embeddings}") >= 2,
            "embeddings.parquet should name at least two superclasses");

        var coordinates = Table("coordinates");
        Assert.Equal(rows, await duckDb.ScalarAsync($"select count(*) from {coordinates} where isfinite(x) and isfinite(y) and isfinite(z)"));
        Assert.Equal(
            rows,
            await duckDb.ScalarAsync(
                $"select count(*) from {coordinates} c join {embeddings} e using (index) where c.label = e.label and c.class_name = e.class_name"));

        var history = Table("history");
        Assert.Equal(0, await duckDb.ScalarAsync($"select count(*) from {history} where not isfinite(loss) or loss <= 0"));
        Assert.Equal(2, await duckDb.ScalarAsync($"select max(epoch) from {history}"));
        Assert.Equal(
            await duckDb.ScalarAsync($"select count(*) from {history}"),
            await duckDb.ScalarAsync($"select count(distinct step) from {history}"));
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
