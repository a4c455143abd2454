using TorchSharp;

namespace Pipeline.Ml.Native;

/// <summary>Process-wide TorchSharp settings for a run: native load, CPU threads, and the global seed.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Loads the native library (<see cref="TorchNative.EnsureLoaded"/>), fixes the intra-op thread count and
    /// seeds every generator. Same seed, same thread count and same inputs give bit-identical CPU results.
    /// </summary>
    /// <param name="seed">Seed for <c>torch.manual_seed</c>.</param>
    /// <param name="threads">Intra-op CPU threads; 0 keeps libtorch's default (one per core).</param>
    public static void Configure(long seed, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        TorchNative.EnsureLoaded();
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }
        torch.manual_seed(seed);
    }
}
