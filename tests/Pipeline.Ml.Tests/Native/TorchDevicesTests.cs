using Pipeline.Ml.Native;
using Pipeline.Stages.Abstractions;
using TorchSharp;

namespace Pipeline.Ml.Tests.Native;

public sealed class TorchDevicesTests
{
    [Fact]
    public void Cpu_in_any_case_is_the_cpu_and_an_unknown_name_fails_the_stage_with_the_choices()
    {
        Assert.Equal(DeviceType.CPU, TorchDevices.Resolve("cpu").type);
        Assert.Equal(DeviceType.CPU, TorchDevices.Resolve("Cpu").type);
        var error = Assert.Throws<StageFailedException>(() => TorchDevices.Resolve("tpu"));
        Assert.Equal("device: must be 'cpu' or 'cuda', got 'tpu'", error.Message);
    }

    [Fact]
    public void Cuda_is_the_gpu_when_there_is_one_else_a_failure_that_says_how_to_get_one()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, TorchDevices.Resolve("cuda").type);
            return; // both outcomes are asserted: which one depends on the build and the machine, not on a skip
        }

        var error = Assert.Throws<StageFailedException>(() => TorchDevices.Resolve("cuda"));
        Assert.Contains("-p:TorchDevice=cuda", error.Message, StringComparison.Ordinal);
    }
}
