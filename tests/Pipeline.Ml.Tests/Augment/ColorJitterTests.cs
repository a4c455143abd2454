using Pipeline.Ml.Augment;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Augment;

public class ColorJitterTests
{
    private const int N = 3, H = 5, W = 4;

    private static readonly double[] Factors = [0.6, 1.0, 1.4];

    [Fact]
    public void Brightness_scales_and_clamps_like_torchvision()
    {
        var (data, images) = Images();
        using var scope = NewDisposeScope();

        var actual = ColorJitter.AdjustBrightnessInPlace(images.clone(), tensor(Factors));

        TensorAssert.Close(tensor(ColorReference.Brightness(data, N, Factors), [N, 3, H, W]), actual, 1e-6);
    }

    [Fact]
    public void Contrast_blends_with_the_mean_luma_like_torchvision()
    {
        var (data, images) = Images();
        using var scope = NewDisposeScope();

        var actual = ColorJitter.AdjustContrastInPlace(images.clone(), tensor(Factors));

        TensorAssert.Close(tensor(ColorReference.Contrast(data, N, H, W, Factors), [N, 3, H, W]), actual, 1e-6);
    }

    [Fact]
    public void Saturation_blends_with_the_pixel_luma_like_torchvision()
    {
        var (data, images) = Images();
        using var scope = NewDisposeScope();

        var actual = ColorJitter.AdjustSaturationInPlace(images.clone(), tensor(Factors));

        TensorAssert.Close(tensor(ColorReference.Saturation(data, N, H, W, Factors), [N, 3, H, W]), actual, 1e-6);
    }

    [Theory]
    [InlineData(-0.5, 0.1, 0.45)]
    [InlineData(-0.2, 0.0, 0.2)]
    [InlineData(0.03, -0.07, 0.5)]
    public void Hue_rotates_like_torchvision(double a, double b, double c)
    {
        var (data, images) = Images();
        using var scope = NewDisposeScope();
        double[] shifts = [a, b, c];

        var actual = ColorJitter.AdjustHueInPlace(images.clone(), tensor(shifts));

        TensorAssert.Close(tensor(ColorReference.Hue(data, N, H, W, shifts), [N, 3, H, W]), actual, 2e-6);
    }

    [Fact]
    public void Contrast_of_a_grey_image_uses_its_own_mean()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var grey = tensor(new float[] { 0.1f, 0.5f, 0.9f, 0.3f }, [1, 1, 2, 2]);

        var actual = ColorJitter.AdjustContrastInPlace(grey.clone(), tensor(new[] { 0.5 }));

        // mean 0.45: 0.5 x + 0.225
        TensorAssert.Close(tensor(new float[] { 0.275f, 0.475f, 0.675f, 0.375f }, [1, 1, 2, 2]), actual, 1e-6);
    }

    [Fact]
    public void Identity_factors_leave_the_image_unchanged()
    {
        var (_, images) = Images();
        using var scope = NewDisposeScope();
        var ones = tensor(new[] { 1.0, 1.0, 1.0 });

        var actual = images.clone();
        ColorJitter.AdjustBrightnessInPlace(actual, ones);
        ColorJitter.AdjustContrastInPlace(actual, ones);
        ColorJitter.AdjustSaturationInPlace(actual, ones);
        ColorJitter.AdjustHueInPlace(actual, zeros(3));

        TensorAssert.Close(images, actual, 1e-6);
    }

    /// <summary>Random colours plus pure greys, primaries and ties (where the hue formula switches branch).</summary>
    internal static (double[] Data, Tensor Images) Images(int seed = 5)
    {
        TorchTestSetup.Seed();
        var random = new Random(seed);
        var data = new double[N * 3 * H * W];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        var plane = H * W;
        void Pixel(int p, double r, double g, double b)
        {
            data[p] = r;
            data[plane + p] = g;
            data[(2 * plane) + p] = b;
        }

        Pixel(0, 0.5, 0.5, 0.5);
        Pixel(1, 1, 0, 0);
        Pixel(2, 0, 1, 0);
        Pixel(3, 0, 0, 1);
        Pixel(4, 0.8, 0.8, 0.2);
        Pixel(5, 0.2, 0.8, 0.8);
        Pixel(6, 0, 0, 0);
        Pixel(7, 1, 1, 1);
        return (data, tensor(data.Select(v => (float)v).ToArray(), [N, 3, H, W]));
    }
}
