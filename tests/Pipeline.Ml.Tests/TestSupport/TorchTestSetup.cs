using Pipeline.Ml.Native;

namespace Pipeline.Ml.Tests.TestSupport;

/// <summary>Every torch test starts here: native load, two intra-op threads (the CI machine's cores), a fixed seed.</summary>
internal static class TorchTestSetup
{
    public const int Threads = 2;

    public static void Seed(long seed = 1234) => TorchRuntime.Configure(seed, Threads);
}
