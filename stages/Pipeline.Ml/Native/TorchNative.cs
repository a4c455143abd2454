using System.Runtime.InteropServices;
using TorchSharp;

namespace Pipeline.Ml.Native;

/// <summary>
/// Loads TorchSharp's native library (libLibTorchSharp) from next to TorchSharp.dll before TorchSharp tries.
/// TorchSharp's own loader hides the real reason of a failure behind "doesn't contain a reference to
/// libtorch-cpu-..." and then copies ~500 MB of natives from the NuGet cache into a <c>cpu/</c> folder beside
/// the app to retry; loading here first turns that into one exception with the loader's message (e.g.
/// <c>GLIBCXX_3.4.32 not found</c>) and TorchSharp's fallback never runs. See docs/torchsharp.md.
/// </summary>
public static class TorchNative
{
    private static readonly Lazy<string> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The file name of TorchSharp's native library on this OS.</summary>
    public static string LibraryFileName =>
        OperatingSystem.IsWindows() ? "LibTorchSharp.dll"
        : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib"
        : "libLibTorchSharp.so";

    /// <summary>
    /// Loads the native library once per process and returns its path. Call before the first use of
    /// <see cref="torch"/>; calls after the first are free.
    /// </summary>
    /// <exception cref="TorchNativeLoadException">The library is missing or the loader rejected it.</exception>
    public static string EnsureLoaded() => Loaded.Value;

    private static string Load()
    {
        var torchSharpDirectory = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory;
        var rid = RuntimeInformation.RuntimeIdentifier;
        var candidates = new[]
        {
            Path.Combine(torchSharpDirectory, LibraryFileName),
            Path.Combine(torchSharpDirectory, "runtimes", rid, "native", LibraryFileName),
            Path.Combine(AppContext.BaseDirectory, LibraryFileName),
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", LibraryFileName),
        };
        var path = candidates.FirstOrDefault(File.Exists) ?? throw new TorchNativeLoadException(
            $"{LibraryFileName} is not next to TorchSharp.dll ({torchSharpDirectory}). The project that runs TorchSharp must " +
            "import build/TorchSharp.targets (it references TorchSharp, libtorch-cpu-linux-x64 and sets RuntimeIdentifier=linux-x64); " +
            "see docs/torchsharp.md.");
        try
        {
            NativeLibrary.Load(path);
            return path;
        }
        catch (DllNotFoundException ex)
        {
            throw new TorchNativeLoadException(
                $"Cannot load {path}: {ex.Message.ReplaceLineEndings(" ")} If the reason is a missing GLIBCXX version, the build's " +
                "ELF patch did not run on this output (import build/TorchSharp.targets in the project that produces it, and " +
                "keep TorchSharpElfPatch=true), or this host's libstdc++ lacks a version that is really used; see docs/torchsharp.md.",
                ex);
        }
    }
}
