using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Augment;

/// <summary>Tensor comparisons that say how far apart the tensors were.</summary>
internal static class TensorAssert
{
    public static void Close(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var difference = (expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max();
        var max = difference.item<double>();
        Assert.True(max <= tolerance, $"max |expected - actual| = {max:G6} exceeds {tolerance:G3}");
    }

    public static double MaxDifference(Tensor a, Tensor b)
    {
        using var difference = (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max();
        return difference.item<double>();
    }
}
