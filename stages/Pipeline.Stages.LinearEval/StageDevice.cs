using Pipeline.Stages.Abstractions;
using static TorchSharp.torch;

namespace Pipeline.Stages.LinearEval;

/// <summary>Turns the <c>device</c> param into a TorchSharp device, failing clearly when CUDA is asked for but absent.</summary>
internal static class StageDevice
{
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new StageFailedException("device: 'cuda' was asked for but CUDA is not available (build with -p:TorchDevice=cuda on a machine with a GPU, or use device: cpu)"),
        _ => throw new StageFailedException($"device: must be 'cpu' or 'cuda', got '{name}'"),
    };
}
