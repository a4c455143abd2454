using ElfPatch;
using Pipeline.Ml.Native;
using Pipeline.Ml.Tests.TestSupport;
using Pipeline.TestSupport.Skips;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Native;

public class TorchLoadingTests
{
    private const string Libstdcxx = "libstdc++.so.6";
    private const string Gcc13Version = "GLIBCXX_3.4.32";

    private static string OutputLibrary => Path.Combine(AppContext.BaseDirectory, TorchNative.LibraryFileName);

    [Fact]
    public void Native_library_loads_from_the_output_folder()
    {
        var path = TorchNative.EnsureLoaded();

        Assert.Equal(Path.GetFullPath(OutputLibrary), Path.GetFullPath(path));
    }

    [Fact]
    public void Torch_trains_one_step()
    {
        TorchTestSetup.Seed(7);
        using var model = nn.Linear(4, 1);
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        using var x = tensor(new float[] { 1, 2, 3, 4, -1, 0, 1, 2 }, [2, 4]);
        using var y = tensor(new float[] { 1, -1 }, [2, 1]);

        double LossNow()
        {
            using var _ = NewDisposeScope();
            return nn.functional.mse_loss(model.call(x), y).item<float>();
        }

        var before = LossNow();
        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            nn.functional.mse_loss(model.call(x), y).backward();
            optimizer.step();
        }
        var after = LossNow();

        Assert.True(after < before, $"loss did not drop after one SGD step: {before} -> {after}");
    }

    [Fact]
    public void TorchSharp_never_fell_back_to_copying_natives_into_a_cpu_folder()
    {
        TorchNative.EnsureLoaded();
        using var _ = ones(1);

        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")));
    }

    /// <summary>Why the output library has nothing to patch, or null when it needs GLIBCXX_3.4.32.</summary>
    private static string? OutputLibraryNeedsGcc13 =>
        Prerequisites.Linux ?? (NeedOnGcc13(ElfImage.Load(OutputLibrary)) is null
            ? $"{TorchNative.LibraryFileName} needs no {Gcc13Version} (a TorchSharp built with an older GCC): nothing to patch"
            : null);

    /// <summary>Why the NuGet cache's copy of the native library cannot be compared, or null when it can.</summary>
    private static string? NuGetCacheCopyExists =>
        Prerequisites.Linux ?? (File.Exists(NuGetCacheCopy) ? null : $"no TorchSharp native library in the NuGet cache at {NuGetCacheCopy}");

    private static string NuGetCacheCopy
    {
        get
        {
            var version = typeof(torch).Assembly.GetName().Version!;
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(packages, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}",
                "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    private static VersionNeed? NeedOnGcc13(ElfImage image) =>
        SymbolVersioning.ReadVersionNeeds(image).SingleOrDefault(n => n.File == Libstdcxx && n.Version == Gcc13Version);

    [FactWhen(typeof(TorchLoadingTests), nameof(OutputLibraryNeedsGcc13))]
    public void Output_library_is_weak_on_GLIBCXX_3_4_32_exactly_when_the_host_lacks_it()
    {
        var image = ElfImage.Load(OutputLibrary);
        var need = NeedOnGcc13(image)!;
        var host = HostLibraryResolver.FromEnvironment().Resolve(Libstdcxx, image.Machine);
        Assert.NotNull(host);
        var hostHasIt = SymbolVersioning.ReadVersionDefinitions(ElfImage.Load(host)).Contains(Gcc13Version);

        Assert.Equal(!hostHasIt, need.IsWeak);
    }

    [FactWhen(typeof(TorchLoadingTests), nameof(NuGetCacheCopyExists))]
    public void NuGet_cache_copy_is_never_patched()
    {
        var original = ElfImage.Load(NuGetCacheCopy);
        var output = ElfImage.Load(OutputLibrary);

        Assert.DoesNotContain(SymbolVersioning.ReadVersionNeeds(original), n => n.IsWeak);
        // The output differs from the cache at most in vna_flags bytes of needs the patch weakened.
        var flagOffsets = SymbolVersioning.ReadVersionNeeds(output).Where(n => n.IsWeak).Select(n => n.FlagsOffset).ToHashSet();
        Assert.Equal(original.Bytes.Length, output.Bytes.Length);
        for (var i = 0; i < original.Bytes.Length; i++)
        {
            if (original.Bytes[i] != output.Bytes[i])
            {
                Assert.True(flagOffsets.Contains(i) || flagOffsets.Contains(i - 1), $"byte 0x{i:x} differs outside any weakened vna_flags");
            }
        }
    }
}
