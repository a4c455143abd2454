using Pipeline.Engine.Caching;
using Pipeline.Engine.Tests.Fakes;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Tests.Caching;

public sealed class ArtifactStoreTests : IDisposable
{
    private static readonly PortSpec[] Outputs = [new("out", ArtifactTypes.Table)];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ArtifactStore Store => new(Path.Combine(_dir.Path, "artifacts"));

    private static Manifest Header(string key) =>
        new(1, key, "text", 1, "a", "run", DateTimeOffset.UnixEpoch, 0, new Dictionary<string, ManifestOutput>(), new Dictionary<string, double>(), null);

    private string Stage(string key, string run, string text, bool withTmp = false)
    {
        var staging = Store.CreateStaging(key, run);
        Directory.CreateDirectory(Path.Combine(staging, "out"));
        File.WriteAllText(Path.Combine(staging, "out", "a.txt"), text);
        if (withTmp)
        {
            File.WriteAllText(Path.Combine(staging, "out", ".half.tmp"), "x");
        }

        return staging;
    }

    [Fact]
    public void A_committed_entry_is_a_hit_and_leaves_temporary_files_out_of_its_manifest()
    {
        var manifest = Store.Commit(Stage("k1", "r1", "hello", withTmp: true), Header("k1"), Outputs);

        Assert.Equal(["a.txt"], manifest.Outputs["out"].Files.Select(f => f.Path));
        Assert.True(Store.Check("k1").IsHit);
        Assert.True(Store.Verify("k1").IsHit);
        Assert.False(Directory.Exists(Path.Combine(Store.StagingDirectory, "k1.r1")));
    }

    [Fact]
    public void A_missing_output_fails_the_commit_and_leaves_no_entry()
    {
        var staging = Store.CreateStaging("k2", "r1");
        Assert.Throws<StageFailedException>(() => Store.Commit(staging, Header("k2"), Outputs));
        Assert.Equal(CacheState.Missing, Store.Check("k2").State);
    }

    [Fact]
    public void A_second_commit_of_a_valid_key_keeps_the_first_entry()
    {
        Store.Commit(Stage("k3", "r1", "first"), Header("k3"), Outputs);
        var second = Store.Commit(Stage("k3", "r2", "second"), Header("k3") with { RunId = "other" }, Outputs);

        Assert.Equal("run", second.RunId);
        Assert.Equal("first", File.ReadAllText(Path.Combine(Store.OutputPath("k3", "out"), "a.txt")));
        Assert.False(Directory.Exists(Path.Combine(Store.StagingDirectory, "k3.r2")));
    }

    [Fact]
    public void Damage_is_told_apart_by_what_was_found()
    {
        Store.Commit(Stage("k4", "r1", "abc"), Header("k4"), Outputs);
        var file = Path.Combine(Store.OutputPath("k4", "out"), "a.txt");

        Assert.Contains("'extra' is not in the manifest", Store.Check("k4", ["out", "extra"]).Reason, StringComparison.Ordinal);
        File.WriteAllText(file, "abcd");
        Assert.Contains("has 4 bytes, the manifest says 3", Store.Check("k4").Reason, StringComparison.Ordinal);
        File.Delete(file);
        Assert.Contains("out/a.txt is missing", Store.Check("k4").Reason, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Store.EntryPath("k4"), Manifest.FileName), "{ not json");
        Assert.Equal(CacheState.Damaged, Store.Check("k4").State);
    }

    [Fact]
    public void A_manifest_for_another_key_is_not_an_entry_and_damaged_entries_are_moved_aside()
    {
        Store.Commit(Stage("k5", "r1", "x"), Header("k5"), Outputs);
        Directory.Move(Store.EntryPath("k5"), Store.EntryPath("k6"));

        Assert.Equal(CacheState.Damaged, Store.Check("k6").State);
        var aside = Store.MoveAside("k6");
        Assert.StartsWith(Store.DamagedDirectory, aside, StringComparison.Ordinal);
        Assert.Equal(CacheState.Missing, Store.Check("k6").State);
    }
}
