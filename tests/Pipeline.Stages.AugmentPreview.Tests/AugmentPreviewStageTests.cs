using Pipeline.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Pipeline.Stages.AugmentPreview.Tests;

public class AugmentPreviewStageTests
{
    private const int Size = 32;

    [Fact]
    public void Writes_one_png_per_default_variant_with_three_3x3_panels()
    {
        using var harness = new PreviewHarness(new ImageShape(3, Size, Size));

        var output = harness.Run(new AugmentPreviewParams { InputSize = Size });

        string[] expected = ["default.png", "strong_color.png", "weak_color.png"];
        Assert.Equal(expected, Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Select(f => (Path.Combine(output, f), (string?)"previews")), harness.Reporter.Artifacts);
        foreach (var file in expected)
        {
            using var image = Image.Load<Rgb24>(Path.Combine(output, file));
            // Three panels of 3 x 32 px plus two 2 px gaps, 8 px between panels: 3 * 100 + 2 * 8.
            Assert.Equal(316, image.Width);
            Assert.Equal(100, image.Height);
        }
    }

    [Fact]
    public void The_two_views_differ_from_each_other_and_from_the_originals()
    {
        using var harness = new PreviewHarness(new ImageShape(3, Size, Size));

        var output = harness.Run(new AugmentPreviewParams { InputSize = Size });

        using var image = Image.Load<Rgb24>(Path.Combine(output, "default.png"));
        for (var cell = 0; cell < 9; cell++)
        {
            var original = Cell(image, panel: 0, cell);
            var view1 = Cell(image, panel: 1, cell);
            var view2 = Cell(image, panel: 2, cell);
            Assert.True(MeanAbsoluteDifference(original, view1) > 5, $"cell {cell}: view 1 looks like the original");
            Assert.True(MeanAbsoluteDifference(original, view2) > 5, $"cell {cell}: view 2 looks like the original");
            Assert.True(MeanAbsoluteDifference(view1, view2) > 5, $"cell {cell}: the two views look alike");
        }
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_pngs_and_another_seed_other_ones()
    {
        using var harness = new PreviewHarness(new ImageShape(3, Size, Size));
        var parameters = new AugmentPreviewParams { InputSize = Size };

        var first = harness.Run(parameters, seed: 11);
        var second = harness.Run(parameters, seed: 11);
        var other = harness.Run(parameters, seed: 12);

        foreach (var file in new[] { "default.png", "strong_color.png", "weak_color.png" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(other, file)));
        }

        Assert.Empty(Directory.GetFiles(first, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Grey_datasets_give_grey_pngs()
    {
        using var harness = new PreviewHarness(new ImageShape(1, 28, 28));

        var output = harness.Run(new AugmentPreviewParams { InputSize = 28, Samples = 4, Split = "train", Variants = new Dictionary<string, AugmentVariant> { ["grey"] = new() { CjProb = 1 } } });

        var info = Image.Identify(Path.Combine(output, "grey.png"));
        // Two panels' worth of 2x2 grids: 3 * (2 * 28 + 2) + 2 * 8.
        Assert.Equal(3 * 58 + 16, info.Width);
        Assert.Equal(58, info.Height);
        Assert.Equal(8, info.PixelType.BitsPerPixel);
    }

    [Fact]
    public void Fewer_images_than_samples_shows_them_all()
    {
        using var harness = new PreviewHarness(new ImageShape(3, Size, Size), unlabeled: 5);

        var output = harness.Run(new AugmentPreviewParams { InputSize = Size, Variants = new Dictionary<string, AugmentVariant> { ["default"] = new() } });

        Assert.Equal(5, harness.Reporter.Params["sample_indices"].Split(',').Distinct().Count());
        Assert.True(File.Exists(Path.Combine(output, "default.png")));
    }

    private static Rgb24[] Cell(Image<Rgb24> image, int panel, int cell)
    {
        var x0 = (panel * (100 + 8)) + (cell % 3 * (Size + 2));
        var y0 = cell / 3 * (Size + 2);
        var pixels = new Rgb24[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                pixels[(y * Size) + x] = image[x0 + x, y0 + y];
            }
        }

        return pixels;
    }

    private static double MeanAbsoluteDifference(Rgb24[] a, Rgb24[] b) =>
        a.Zip(b, (p, q) => (Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B)) / 3.0).Average();
}
