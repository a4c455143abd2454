using Pipeline.Ml.Augment;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Pipeline.Ml.Tests.Augment;

public class SimClrTransformTests
{
    /// <summary>Every random step off and the crop forced to the whole image: a plain resize (+ normalise).</summary>
    private static readonly SimClrAugmentOptions NoAugmentation = new()
    {
        CjProb = 0, MinScale = 1, RandomGrayScale = 0, GaussianBlur = 0, HfProb = 0, VfProb = 0, RrProb = 0,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Output_is_a_new_float_batch_of_the_input_size_in_range(bool normalize)
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(5, 3, 40, 56, seed: 1);
        using var transform = new SimClrTransform(new SimClrAugmentOptions { InputSize = 32, Normalize = normalize }, channels: 3);

        var views = transform.Forward(images, new Generator(3));

        Assert.Equal([5L, 3, 32, 32], views.shape);
        Assert.Equal(ScalarType.Float32, views.dtype);
        var (low, high) = normalize ? ((0 - 0.485) / 0.229, (1 - 0.406) / 0.225) : (0.0, 1.0);
        Assert.InRange(views.min().item<float>(), low - 1e-5, high);
        Assert.InRange(views.max().item<float>(), low, high + 1e-5);
        Assert.Equal(ScalarType.Byte, images.dtype); // the input is untouched
    }

    [Theory]
    [InlineData(3, 96, 0.8, 0.2, 0.5)]
    [InlineData(3, 32, 1.0, 0.5, 1.0)]
    [InlineData(1, 32, 1.0, 0.0, 1.0)]
    [InlineData(3, 28, 0.0, 1.0, 0.0)]
    public void Fused_cpu_colour_pass_gives_the_views_of_the_batched_tensor_ops(int channels, int size, double cjProb, double gray, double blur)
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(24, channels, 40, 44, seed: 6);
        var options = new SimClrAugmentOptions { InputSize = size, CjProb = cjProb, RandomGrayScale = gray, GaussianBlur = blur, CjStrength = 0.8 };
        using var fused = new SimClrTransform(options, channels);
        using var batched = new SimClrTransform(options, channels, cpuKernels: false);

        var expected = batched.Forward(images, new Generator(21));
        var actual = fused.Forward(images, new Generator(21));

        // Both see the same draws; they differ only in float rounding (sums in another order).
        TensorAssert.Close(expected, actual, 2e-5);
        Assert.True(expected.std().item<float>() > 0.1f, "the views should not be blank");
    }

    [Fact]
    public void The_same_generator_seed_gives_the_same_views_and_another_seed_others()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(6, 3, 48, 48, seed: 2);
        using var transform = new SimClrTransform(new SimClrAugmentOptions { InputSize = 32 }, channels: 3);

        var a = transform.Forward(images, new Generator(7));
        manual_seed(999); // the global generator must not matter
        var b = transform.Forward(images, new Generator(7));
        var c = transform.Forward(images, new Generator(8));

        Assert.Equal(0.0, TensorAssert.MaxDifference(a, b));
        Assert.True(TensorAssert.MaxDifference(a, c) > 0.1);
    }

    [Fact]
    public void Each_sample_gets_its_own_crop_and_colours()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        // Eight copies of one image: any difference between the views comes from per-sample randomness.
        var images = Bytes(1, 3, 48, 48, seed: 3).expand(8, 3, 48, 48).contiguous();
        using var transform = new SimClrTransform(new SimClrAugmentOptions { InputSize = 32 }, channels: 3);

        var views = transform.Forward(images, new Generator(4));

        for (var i = 1; i < 8; i++)
        {
            Assert.True(TensorAssert.MaxDifference(views[0], views[i]) > 0.1, $"view {i} equals view 0");
        }
    }

    [Fact]
    public void With_nothing_random_it_is_a_bilinear_resize_then_normalisation()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(3, 3, 40, 40, seed: 4);
        using var transform = new SimClrTransform(NoAugmentation with { InputSize = 96 }, channels: 3);

        var views = transform.Forward(images, new Generator(5));

        var resized = interpolate(images.to(ScalarType.Float32).div(255), [96, 96], mode: InterpolationMode.Bilinear, align_corners: false);
        var mean = tensor(new float[] { 0.485f, 0.456f, 0.406f }).view(1, 3, 1, 1);
        var std = tensor(new float[] { 0.229f, 0.224f, 0.225f }).view(1, 3, 1, 1);
        TensorAssert.Close((resized - mean) / std, views, 1e-4);
    }

    [Fact]
    public void Same_size_without_randomness_returns_the_image()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = rand([2, 3, 32, 32], generator: new Generator(9));
        using var transform = new SimClrTransform(NoAugmentation with { InputSize = 32, Normalize = false }, channels: 3);

        var views = transform.Forward(images, new Generator(5));

        TensorAssert.Close(images, views, 1e-5);
        Assert.False(ReferenceEquals(images, views));
    }

    [Fact]
    public void Horizontal_flip_probability_one_mirrors_the_unflipped_view()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(4, 3, 48, 48, seed: 6);
        var crops = NoAugmentation with { InputSize = 32, MinScale = 0.3 };
        using var plain = new SimClrTransform(crops, channels: 3);
        using var flipped = new SimClrTransform(crops with { HfProb = 1 }, channels: 3);

        var a = plain.Forward(images, new Generator(12));
        var b = flipped.Forward(images, new Generator(12));

        TensorAssert.Close(a.flip(3), b, 1e-5);
        Assert.True(TensorAssert.MaxDifference(a, b) > 0.1);
    }

    [Fact]
    public void Rotation_probability_one_turns_the_view_counter_clockwise()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(2, 3, 32, 32, seed: 7);
        using var plain = new SimClrTransform(NoAugmentation with { InputSize = 32 }, channels: 3);
        using var rotated = new SimClrTransform(NoAugmentation with { InputSize = 32, RrProb = 1 }, channels: 3);

        var a = plain.Forward(images, new Generator(1));
        var b = rotated.Forward(images, new Generator(1));

        TensorAssert.Close(a.rot90(1, (2, 3)), b, 1e-5);
    }

    [Fact]
    public void Uint8_and_float_inputs_give_the_same_views()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(4, 3, 40, 40, seed: 8);
        using var transform = new SimClrTransform(new SimClrAugmentOptions { InputSize = 32 }, channels: 3);

        var fromBytes = transform.Forward(images, new Generator(2));
        var fromFloats = transform.Forward(images.to(ScalarType.Float32).div(255), new Generator(2));

        TensorAssert.Close(fromBytes, fromFloats, 1e-4);
    }

    [Fact]
    public void Grey_images_are_augmented_with_one_channel()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var images = Bytes(4, 1, 28, 28, seed: 9);
        using var transform = new SimClrTransform(new SimClrAugmentOptions { InputSize = 28, CjProb = 1, RandomGrayScale = 1 }, channels: 1);

        var views = transform.Forward(images, new Generator(2));

        Assert.Equal([4L, 1, 28, 28], views.shape);
        Assert.InRange(views.min().item<float>(), (0 - 0.449) / 0.226 - 1e-5, (1 - 0.449) / 0.226);
        Assert.Throws<ArgumentException>(() => transform.Forward(Bytes(1, 3, 28, 28, seed: 1), new Generator(1)));
    }

    [Fact]
    public void Invalid_options_are_reported_all_at_once()
    {
        var errors = new SimClrAugmentOptions { CjProb = 1.5, MinScale = 0, SigmaMin = 3, InputSize = 2 }.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("cj_prob", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new SimClrTransform(new SimClrAugmentOptions { HfProb = -1 }, 3));
    }

    private static Tensor Bytes(long n, long c, long h, long w, int seed) =>
        randint(0, 256, [n, c, h, w], dtype: ScalarType.Byte, generator: new Generator((ulong)seed));
}
