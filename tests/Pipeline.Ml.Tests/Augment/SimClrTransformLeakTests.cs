using Pipeline.Ml.Augment;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Augment;

/// <summary>Tests that read TorchSharp's process-wide count of live tensors: run alone, since any test running beside them moves it.</summary>
[CollectionDefinition(nameof(GlobalTensorCount), DisableParallelization = true)]
public sealed class GlobalTensorCount;

[Collection(nameof(GlobalTensorCount))]
public sealed class SimClrTransformLeakTests
{
    [Fact]
    public void Repeated_batches_do_not_leak_tensors()
    {
        TorchTestSetup.Seed();
        var images = randint(0, 256, [8, 3, 32, 32], dtype: ScalarType.Byte, generator: new Generator(10));
        using var transform = new SimClrTransform(new SimClrAugmentOptions { InputSize = 32 }, channels: 3);
        using var generator = new Generator(1);
        using (var warm = NewDisposeScope())
        {
            transform.Forward(images, generator).Dispose();
        }

        var before = Tensor.TotalCount;
        for (var i = 0; i < 5; i++)
        {
            transform.Forward(images, generator).Dispose();
        }

        Assert.Equal(before, Tensor.TotalCount);
        images.Dispose();
    }
}
