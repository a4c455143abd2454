using Pipeline.Ml.Backbones;
using Pipeline.Ml.Tests.TestSupport;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Backbones;

public class SinglePositionConvolutionTests
{
    public static TheoryData<int, int, int, int> OneByOneOutputs => new()
    {
        // input size, kernel, stride, padding: ResNet-18's layer4 at 32 px has the first three.
        { 1, 3, 1, 1 },
        { 2, 3, 2, 1 },
        { 2, 1, 2, 0 },
        { 3, 3, 1, 0 },
        { 3, 3, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(OneByOneOutputs))]
    public void A_convolution_with_a_1x1_output_gives_the_convolutions_values_and_gradients(int size, int kernel, int stride, int padding)
    {
        TorchTestSetup.Seed();
        using var conv = nn.Conv2d(6, 5, kernel, stride: stride, padding: padding, bias: false);
        using var scope = NewDisposeScope();
        var input = randn(4, 6, size, size);
        Assert.True(SinglePositionConvolution.IsSinglePosition(conv, input.shape));

        var (expected, expectedInputGrad, expectedWeightGrad) = ValuesAndGradients(input, x => conv.call(x), conv);
        var (actual, actualInputGrad, actualWeightGrad) = ValuesAndGradients(input, x => SinglePositionConvolution.Apply(conv, x), conv);

        Assert.Equal(expected.shape, actual.shape);
        AssertClose(expected, actual);
        AssertClose(expectedInputGrad, actualInputGrad);
        AssertClose(expectedWeightGrad, actualWeightGrad);
    }

    [Fact]
    public void A_channels_last_input_gives_the_same_values()
    {
        TorchTestSetup.Seed();
        using var conv = nn.Conv2d(8, 4, 3, stride: 2, padding: 1, bias: false);
        using var scope = NewDisposeScope();
        var input = randn(3, 8, 2, 2);
        var channelsLast = input.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

        AssertClose(conv.call(input), SinglePositionConvolution.Apply(conv, channelsLast));
    }

    [Theory]
    [InlineData(2, 3, 1, 1)]
    [InlineData(4, 3, 2, 1)]
    [InlineData(8, 1, 1, 0)]
    public void A_larger_output_is_left_to_the_convolution(int size, int kernel, int stride, int padding)
    {
        TorchTestSetup.Seed();
        using var conv = nn.Conv2d(2, 3, kernel, stride: stride, padding: padding, bias: false);
        using var scope = NewDisposeScope();
        var input = randn(2, 2, size, size);

        Assert.False(SinglePositionConvolution.IsSinglePosition(conv, input.shape));
        Assert.Equal(0.0, (conv.call(input) - SinglePositionConvolution.Apply(conv, input)).abs().max().item<float>());
    }

    [Fact]
    public void A_convolution_with_a_bias_is_left_to_the_convolution()
    {
        TorchTestSetup.Seed();
        using var conv = nn.Conv2d(2, 3, 3, padding: 1, bias: true);

        Assert.False(SinglePositionConvolution.IsSinglePosition(conv, [1, 2, 1, 1]));
    }

    private static (Tensor Output, Tensor InputGrad, Tensor WeightGrad) ValuesAndGradients(Tensor input, Func<Tensor, Tensor> apply, Conv2d conv)
    {
        conv.zero_grad();
        var x = input.detach().requires_grad_(true);
        var output = apply(x);
        // A fixed, non-uniform upstream gradient so every output channel and sample weighs differently.
        var upstream = arange(output.numel(), dtype: float32).reshape(output.shape).sin();
        (output * upstream).sum().backward();
        return (output.detach().clone(), x.grad!.clone(), conv.weight!.grad!.clone());
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        var difference = (expected - actual).abs().max().item<float>();
        var scale = Math.Max(1f, expected.abs().max().item<float>());
        Assert.True(difference <= 1e-5f * scale, $"max difference {difference} (scale {scale})");
    }
}
