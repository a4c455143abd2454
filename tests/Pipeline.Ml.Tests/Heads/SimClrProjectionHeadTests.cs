using Pipeline.Ml.Heads;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Heads;

public class SimClrProjectionHeadTests
{
    private static long ParameterCount(SimClrProjectionHead head) => head.parameters().Sum(p => p.numel());

    [Fact]
    public void Default_head_is_linear_batchnorm_relu_linear_to_128()
    {
        TorchTestSetup.Seed();
        using var head = new SimClrProjectionHead();
        using var scope = NewDisposeScope();

        var projection = head.call(randn(4, 512));

        Assert.Equal([4L, 128L], projection.shape);
        Assert.Equal(["linear0", "bn0", "relu0", "linear1"], head.LayerNames);
        // 512x512 without bias (BatchNorm follows), BatchNorm weight+bias, 512x128 + bias.
        Assert.Equal((512 * 512) + (2 * 512) + (512 * 128) + 128, ParameterCount(head));
    }

    [Fact]
    public void Without_batch_norm_it_is_linear_relu_linear_with_biases()
    {
        TorchTestSetup.Seed();
        using var head = new SimClrProjectionHead(new SimClrProjectionHeadOptions(BatchNorm: false));
        using var scope = NewDisposeScope();

        var projection = head.call(randn(3, 512));

        Assert.Equal([3L, 128L], projection.shape);
        Assert.Equal(["linear0", "relu0", "linear1"], head.LayerNames);
        Assert.Equal((512 * 512) + 512 + (512 * 128) + 128, ParameterCount(head));
    }

    [Fact]
    public void Three_layers_as_in_SimCLR_v2()
    {
        TorchTestSetup.Seed();
        using var head = new SimClrProjectionHead(new SimClrProjectionHeadOptions(64, 32, 16, Layers: 3));
        using var scope = NewDisposeScope();

        var projection = head.call(randn(5, 64));

        Assert.Equal([5L, 16L], projection.shape);
        Assert.Equal(["linear0", "bn0", "relu0", "linear1", "bn1", "relu1", "linear2"], head.LayerNames);
    }

    [Fact]
    public void Invalid_options_report_every_problem()
    {
        var errors = new SimClrProjectionHeadOptions(0, -1, 0, Layers: 1).Validate();

        Assert.Equal(4, errors.Count);
        Assert.Throws<ArgumentException>(() => new SimClrProjectionHead(new SimClrProjectionHeadOptions(Layers: 1)));
    }
}
