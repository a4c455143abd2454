using Pipeline.Ml.Augment;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Augment;

public class GaussianBlurTests
{
    [Fact]
    public void A_tiny_sigma_is_the_identity()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = rand([2, 3, 12, 12], generator: new Generator(1));

        var blurred = GaussianBlur.Apply(images, tensor(new[] { 1e-3, 1e-3 }), 9);

        TensorAssert.Close(images, blurred, 1e-7);
    }

    [Fact]
    public void Blur_preserves_the_mean_and_smooths()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = rand([2, 3, 64, 64], generator: new Generator(2));

        var blurred = GaussianBlur.Apply(images, tensor(new[] { 1.0, 2.0 }), 9);

        // Reflect padding only changes the mean through the border rows; on noise that is far below 1e-3.
        TensorAssert.Close(images.mean([1, 2, 3]), blurred.mean([1, 2, 3]), 1e-3);
        Assert.True(blurred.std().item<float>() < 0.5 * images.std().item<float>());
    }

    [Fact]
    public void Each_sample_uses_its_own_sigma_and_a_normalised_kernel()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var kernels = GaussianBlur.Kernels(tensor(new[] { 0.5, 2.0 }), 9);
        TensorAssert.Close(ones(2), kernels.sum(1), 1e-6);

        // One bright pixel in the middle: the blurred image is the outer product of the sample's kernel around it.
        var impulse = zeros(2, 1, 21, 21);
        impulse[TensorIndex.Colon, TensorIndex.Colon, 10, 10] = tensor(1.0f);
        var blurred = GaussianBlur.Apply(impulse, tensor(new[] { 0.5, 2.0 }), 9);
        for (var s = 0; s < 2; s++)
        {
            var k = kernels[s];
            var expected = zeros(1, 21, 21);
            expected[TensorIndex.Colon, TensorIndex.Slice(6, 15), TensorIndex.Slice(6, 15)] = outer(k, k).view(1, 9, 9);
            TensorAssert.Close(expected, blurred[s], 1e-6);
        }
    }
}
