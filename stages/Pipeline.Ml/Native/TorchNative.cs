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
public static partial class TorchNative
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

    private static readonly Lazy<IntPtr> TensorDataExport = new(
        () => NativeLibrary.GetExport(NativeLibrary.Load(EnsureLoaded()), "THSTensor_data"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The address of a tensor's first element (libtorch's <c>data_ptr()</c>, storage offset included), through the
    /// same native entry point TorchSharp's own <c>data&lt;T&gt;()</c> uses. Valid while the tensor is alive.
    /// </summary>
    public static unsafe IntPtr DataPointer(torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var data = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)TensorDataExport.Value;
        var pointer = data(tensor.Handle);
        if (pointer == IntPtr.Zero && tensor.numel() > 0)
        {
            throw new InvalidOperationException("libtorch returned no data pointer for a non-empty tensor.");
        }

        return pointer;
    }

    /// <summary>The OpenMP wait policy set for libtorch's threads when the user set none (see <see cref="PreferPassiveOpenMpWait"/>).</summary>
    public const string OpenMpWaitPolicy = "PASSIVE";

    /// <summary>
    /// libtorch's OpenMP threads (libgomp) spin for a while after every parallel region before they sleep. Our
    /// own parallel loops (the CPU augmentation kernels, data loading) then share the cores with spinning threads and
    /// run at half speed: the fused augmentation measured 1,049-1,351 images/s at 96 px that way and 2,265 with the
    /// threads sleeping at once, while the training step did not change beyond noise (bench/Pipeline.Bench.Augment,
    /// bench/Pipeline.Bench.Train). So unless OMP_WAIT_POLICY or GOMP_SPINCOUNT is set, OMP_WAIT_POLICY=PASSIVE is
    /// put into the native environment before libgomp loads and reads it. The managed
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native getenv on Unix, hence setenv.
    /// </summary>
    private static void PreferPassiveOpenMpWait()
    {
        if (OperatingSystem.IsWindows()
            || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null
            || Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null)
        {
            return;
        }

        _ = SetEnv("OMP_WAIT_POLICY", OpenMpWaitPolicy, 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SetEnv(string name, string value, int overwrite);

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
            PreferPassiveOpenMpWait();
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
