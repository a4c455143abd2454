using Pipeline.Ml.Augment;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Augment;

public class RandomResizedCropSamplerTests
{
    private const int Samples = 20_000;

    [Theory]
    [InlineData(96, 96, 0.08)]
    [InlineData(96, 96, 0.5)]
    [InlineData(64, 100, 0.08)]
    public void Crop_statistics_match_torchvisions_sampling(int height, int width, double minScale)
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();

        var boxes = RandomResizedCropSampler.Sample(Samples, height, width, minScale, new Generator(11));
        var b = boxes.data<double>().ToArray();

        var areas = new double[Samples];
        var (minRatio, maxRatio) = (double.MaxValue, double.MinValue);
        for (var i = 0; i < Samples; i++)
        {
            var (top, left, h, w) = (b[4 * i], b[(4 * i) + 1], b[(4 * i) + 2], b[(4 * i) + 3]);
            Assert.True(top >= 0 && left >= 0 && top + h <= height && left + w <= width && h >= 1 && w >= 1, $"box {i} ({top}, {left}, {h}, {w}) leaves the image");
            areas[i] = h * w / (height * width);
            minRatio = Math.Min(minRatio, w / h);
            maxRatio = Math.Max(maxRatio, w / h);
        }

        // Whole-pixel rounding moves the ratio by up to about 1/side beyond the drawn range (most for the smallest crops).
        var smallestSide = Math.Sqrt(minScale * height * width * 0.75);
        var slack = 4.0 / 3.0 * 1.2 / smallestSide;
        Assert.InRange(minRatio, (3.0 / 4.0) - slack, (3.0 / 4.0) + 0.02);
        Assert.InRange(maxRatio, (4.0 / 3.0) - 0.02, (4.0 / 3.0) + slack);
        Assert.True(areas.Min() >= minScale * (1 - (2 * slack)), $"smallest area {areas.Min()} is below min_scale {minScale}");
        Assert.True(areas.Max() <= 1.0);
        // The mean area of torchvision's rejection sampling, from a loop reference with its own random numbers.
        var expected = ReferenceMeanArea(height, width, minScale, new Random(3));
        Assert.InRange(areas.Average(), expected - 0.01, expected + 0.01);
    }

    [Fact]
    public void Min_scale_one_gives_the_whole_square_image()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();

        var boxes = RandomResizedCropSampler.Sample(200, 40, 40, 1.0, new Generator(2));

        TensorAssert.Close(tensor(new double[] { 0, 0, 40, 40 }).expand(200, 4), boxes, 0);
    }

    [Fact]
    public void A_very_wide_image_falls_back_to_a_centre_crop_of_ratio_four_thirds()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();

        var boxes = RandomResizedCropSampler.Sample(50, 10, 100, 1.0, new Generator(2));

        TensorAssert.Close(tensor(new double[] { 0, 43, 10, 13 }).expand(50, 4), boxes, 0);
    }

    /// <summary>torchvision's RandomResizedCrop.get_params, one image at a time; the mean area fraction.</summary>
    private static double ReferenceMeanArea(int height, int width, double minScale, Random random)
    {
        var total = 0.0;
        for (var i = 0; i < Samples; i++)
        {
            var area = (double)height * width;
            var found = false;
            for (var attempt = 0; attempt < 10 && !found; attempt++)
            {
                var target = area * (minScale + ((1 - minScale) * random.NextDouble()));
                var ratio = Math.Exp(Math.Log(3.0 / 4.0) + ((Math.Log(4.0 / 3.0) - Math.Log(3.0 / 4.0)) * random.NextDouble()));
                var w = Math.Round(Math.Sqrt(target * ratio));
                var h = Math.Round(Math.Sqrt(target / ratio));
                if (w > 0 && w <= width && h > 0 && h <= height)
                {
                    total += w * h / area;
                    found = true;
                }
            }

            if (!found)
            {
                var inRatio = (double)width / height;
                (double fh, double fw) = inRatio < 0.75 ? (Math.Round(width / 0.75), (double)width) : inRatio > 4.0 / 3.0 ? (height, Math.Round(height * 4.0 / 3.0)) : (height, width);
                total += fh * fw / area;
            }
        }

        return total / Samples;
    }
}
