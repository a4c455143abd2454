using ElfPatch;
using Pipeline.TestSupport.Skips;

namespace Pipeline.Ml.Tests.Build;

public class VersionNeedWeakenerTests
{
    private const string Gcc13 = "GLIBCXX_3.4.32";

    // A host that defines every version the library asks for, except the ones named.
    private static Func<string, (string Path, IReadOnlySet<string> Versions)?> HostWithout(ElfImage image, params string[] missing)
    {
        var all = SymbolVersioning.ReadVersionNeeds(image)
            .GroupBy(n => n.File)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(n => n.Version).Except(missing).ToHashSet());
        return soname => all.TryGetValue(soname, out var versions) ? ($"/fake/{soname}", versions) : null;
    }

    [Fact]
    public void Weakens_only_the_missing_version_whose_symbols_no_relocation_uses()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);

        var plan = VersionNeedWeakener.Plan(image, HostWithout(image, Gcc13));

        var weaken = Assert.Single(plan, d => d.Status != NeedStatus.Satisfied);
        Assert.Equal(NeedStatus.Weaken, weaken.Status);
        Assert.Equal(Gcc13, weaken.Need.Version);
        Assert.Equal("/fake/libstdc++.so.6", weaken.HostLibrary);
    }

    [Fact]
    public void Does_nothing_when_the_host_has_every_version()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);

        var plan = VersionNeedWeakener.Plan(image, HostWithout(image));

        Assert.All(plan, d => Assert.Equal(NeedStatus.Satisfied, d.Status));
        Assert.Equal(0, VersionNeedWeakener.Apply(image, plan));
    }

    [Fact]
    public void Refuses_when_a_missing_version_is_bound_by_a_relocation()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);

        // GLIBC_2.2.5 carries malloc, memcpy and friends: weakening it could never make the library work.
        var plan = VersionNeedWeakener.Plan(image, HostWithout(image, "GLIBC_2.2.5"));

        var blocked = plan.Where(d => d.Status == NeedStatus.Blocked).ToList();
        Assert.NotEmpty(blocked);
        Assert.All(blocked, d => Assert.NotEmpty(d.Symbols));
    }

    [Fact]
    public void Leaves_needs_of_a_library_the_host_lacks_alone()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);

        var plan = VersionNeedWeakener.Plan(image, _ => null);

        Assert.All(plan, d => Assert.Equal(NeedStatus.HostLibraryNotFound, d.Status));
    }

    [Fact]
    public void Applying_twice_sets_the_weak_flag_once()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);
        var host = HostWithout(image, Gcc13);

        var first = VersionNeedWeakener.Apply(image, VersionNeedWeakener.Plan(image, host));
        var replanned = VersionNeedWeakener.Plan(image, host);
        var second = VersionNeedWeakener.Apply(image, replanned);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var need = SymbolVersioning.ReadVersionNeeds(image).Single(n => n.Version == Gcc13);
        Assert.Equal(ElfConstants.VerFlgWeak, need.Flags);
        Assert.Equal(NeedStatus.AlreadyWeak, replanned.Single(d => d.Need.Version == Gcc13).Status);
    }

    [FactWhen(typeof(Prerequisites), nameof(Prerequisites.Linux))]
    public void Patching_a_file_is_idempotent_and_keeps_its_timestamp()
    {
        using var files = new ElfTestFiles();
        var stamp = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(files.Library, stamp);
        var before = File.ReadAllBytes(files.Library);
        var resolver = HostLibraryResolver.FromEnvironment();

        var first = NativeFilePatcher.Patch(files.Library, resolver);
        var afterFirst = File.ReadAllBytes(files.Library);
        var second = NativeFilePatcher.Patch(files.Library, resolver);

        Assert.False(first.Blocked);
        var weakened = first.Decisions.Count(d => d.Status == NeedStatus.Weaken);
        Assert.Equal(weakened > 0, first.Written);
        Assert.False(second.Written);
        Assert.Equal(afterFirst, File.ReadAllBytes(files.Library));
        Assert.Equal(weakened, before.Zip(afterFirst).Count(p => p.First != p.Second));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(files.Library));
        Assert.Equal([Path.GetFileName(files.Library)], Directory.GetFiles(files.Directory).Select(Path.GetFileName));
    }
}
