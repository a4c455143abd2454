using Pipeline.Ml.Augment;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Augment;

public class HsvColorTests
{
    [Fact]
    public void Rgb_to_hsv_to_rgb_round_trips_within_1e_5()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var rgb = rand([8, 3, 16, 16], generator: new Generator(3));

        var back = HsvColor.HsvToRgb(HsvColor.RgbToHsv(rgb));

        TensorAssert.Close(rgb, back, 1e-5);
    }

    [Fact]
    public void Rgb_to_hsv_matches_torchvision_per_pixel()
    {
        var (data, images) = ColorJitterTests.Images();
        using var scope = NewDisposeScope();
        var plane = 5 * 4;
        var expected = new double[data.Length];
        for (var s = 0; s < 3; s++)
        {
            for (var p = 0; p < plane; p++)
            {
                var o = s * 3 * plane;
                var (h, sat, v) = ColorReference.RgbToHsv(data[o + p], data[o + plane + p], data[o + (2 * plane) + p]);
                (expected[o + p], expected[o + plane + p], expected[o + (2 * plane) + p]) = (h, sat, v);
            }
        }

        TensorAssert.Close(tensor(expected, [3, 3, 5, 4]), HsvColor.RgbToHsv(images), 1e-6);
    }

    [Fact]
    public void Hsv_to_rgb_matches_torchvision_on_every_sector()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        double[] hues = [0.0, 0.1, 1.0 / 6, 0.3, 0.5, 0.6, 0.75, 0.9, 0.999];
        var hsv = new double[3 * hues.Length];
        var expected = new double[3 * hues.Length];
        for (var p = 0; p < hues.Length; p++)
        {
            (hsv[p], hsv[hues.Length + p], hsv[(2 * hues.Length) + p]) = (hues[p], 0.7, 0.9);
            (expected[p], expected[hues.Length + p], expected[(2 * hues.Length) + p]) = ColorReference.HsvToRgb(hues[p], 0.7, 0.9);
        }

        TensorAssert.Close(tensor(expected, [1, 3, 1, hues.Length]), HsvColor.HsvToRgb(tensor(hsv, [1, 3, 1, hues.Length]).to(ScalarType.Float32)), 1e-6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fused_cpu_hue_shift_matches_the_tensor_ops_on_ties_grey_pixels_and_odd_sizes(bool inPlace)
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        // Values on a grid of quarters make channel ties and grey pixels common; 13 x 11 leaves a tail after the vectors.
        var quantised = rand([6, 3, 13, 11], generator: new Generator(5)).mul(4).round().div(4);
        var smooth = rand([6, 3, 13, 11], generator: new Generator(6));
        var rgb = cat([quantised, smooth], 0).narrow(0, 1, 10).contiguous();
        var shifts = tensor(new[] { -0.5f, -0.37f, -0.2f, -0.01f, 0f, 0.01f, 0.13f, 0.25f, 0.4f, 0.5f });

        var expected = empty_like(rgb);
        HsvColor.ShiftHueWithTensorOps(rgb, shifts, expected);
        var actual = inPlace ? rgb.clone() : empty_like(rgb);
        HsvColor.ShiftHueInto(inPlace ? actual : rgb, shifts, actual);

        TensorAssert.Close(expected, actual, 2e-6);
    }

    [Fact]
    public void Fused_cpu_hue_shift_reads_a_slice_at_its_storage_offset()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        var batch = rand([4, 3, 9, 9], generator: new Generator(8));
        var slice = batch.narrow(0, 2, 2);
        var shifts = tensor(new[] { 0.3f, -0.1f });

        var expected = HsvColor.ShiftHue(slice.clone(), shifts);
        HsvColor.ShiftHueInto(slice, shifts, slice);

        TensorAssert.Close(expected, batch.narrow(0, 2, 2), 0);
    }
}
