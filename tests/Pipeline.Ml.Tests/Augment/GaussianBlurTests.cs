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

    [Theory]
    [InlineData(9, 20, 23)]
    [InlineData(3, 8, 8)]
    [InlineData(11, 96, 96)]
    [InlineData(5, 6, 37)]
    public void Fused_cpu_blur_matches_the_grouped_convolutions_borders_included(int taps, int height, int width)
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = rand([4, 3, height, width], generator: new Generator((ulong)(taps + height)));
        var sigma = tensor(new[] { 0.1, 0.7, 1.3, 2.0 });

        var expected = GaussianBlur.ApplyWithTensorOps(images, sigma, taps);
        var actual = GaussianBlur.Apply(images, sigma, taps);

        TensorAssert.Close(expected, actual, 1e-6);
    }

    [Fact]
    public void Fused_cpu_blur_of_a_slice_reads_at_its_storage_offset()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var batch = rand([5, 1, 12, 12], generator: new Generator(4));
        var sigma = tensor(new[] { 1.5, 0.5 });

        var expected = GaussianBlur.ApplyWithTensorOps(batch.narrow(0, 3, 2).clone(), sigma, 5);
        var actual = GaussianBlur.Apply(batch.narrow(0, 3, 2), sigma, 5);

        TensorAssert.Close(expected, actual, 1e-6);
    }
}
