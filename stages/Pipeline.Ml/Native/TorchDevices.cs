using Pipeline.Stages.Abstractions;
using static TorchSharp.torch;

namespace Pipeline.Ml.Native;

/// <summary>
/// The one place a stage's <c>device</c> param becomes a TorchSharp device (pretrain, linear-eval and embed all
/// use it), failing the stage with an explanation when CUDA is asked for and this build or machine has none.
/// </summary>
public static class TorchDevices
{
    /// <summary>The device named <paramref name="name"/> (<c>cpu</c> or <c>cuda</c>, any case).</summary>
    public static Device Resolve(string name)
    {
        switch (name.ToLowerInvariant())
        {
            case "cpu":
                return CPU;
            case "cuda":
                TorchNative.EnsureLoaded();
                if (!cuda.is_available())
                {
                    throw new StageFailedException(
                        "device: 'cuda' was asked for but no CUDA device is available to this build (the default build uses the CPU libtorch; " +
                        "build with -p:TorchDevice=cuda on a machine with an NVIDIA GPU, or set device: cpu)");
                }

                return CUDA;
            default:
                throw new StageFailedException($"device: must be 'cpu' or 'cuda', got '{name}'");
        }
    }
}
