using Pipeline.Data;
using Pipeline.Data.Stl10;
using Pipeline.TestSupport;

namespace Pipeline.Data.Tests.Stl10;

public sealed class PixelOrderTests
{
    // A value that differs for every (c, y, x) of a 3x96x96 image, so a transposed read cannot match by chance.
    private static byte Value(int c, int y, int x) => (byte)((c * 97) + (y * 7) + (x * 13));

    [Fact]
    public void Reads_the_pixel_written_at_the_documented_offset_in_CHW_and_HWC()
    {
        using var dir = new TempDirectory();
        const int images = 2;
        var bytes = new byte[images * 27648];
        for (var n = 0; n < images; n++)
        {
            for (var c = 0; c < 3; c++)
            {
                for (var y = 0; y < 96; y++)
                {
                    for (var x = 0; x < 96; x++)
                    {
                        bytes[(n * 27648) + (c * 9216) + (x * 96) + y] = (byte)(Value(c, y, x) + n);
                    }
                }
            }
        }

        File.WriteAllBytes(dir.Combine("train_X.bin"), bytes);
        using var reader = new Stl10SplitReader(dir.Path, "train", ImageShape.Stl10);
        var chw = new byte[27648];
        var hwc = new byte[27648];
        var floats = new float[27648];
        reader.ReadImage(1, chw, PixelLayout.Chw);
        reader.ReadImage(1, hwc, PixelLayout.Hwc);
        reader.ReadImage(1, floats, PixelLayout.Chw);

        Assert.Equal(2, reader.Count);
        foreach (var (c, y, x) in new[] { (0, 0, 0), (0, 0, 1), (0, 1, 0), (1, 5, 90), (2, 95, 3), (2, 95, 95) })
        {
            var expected = (byte)(Value(c, y, x) + 1);
            Assert.Equal(expected, chw[(c * 9216) + (y * 96) + x]);
            Assert.Equal(expected, hwc[(((y * 96) + x) * 3) + c]);
            Assert.Equal(expected / 255f, floats[(c * 9216) + (y * 96) + x], 6);
        }
    }

    [Fact]
    public void FromLayout_inverts_ToLayout()
    {
        var shape = new ImageShape(3, 5, 4);
        var chw = Enumerable.Range(0, shape.Bytes).Select(i => (byte)i).ToArray();
        var stored = new byte[shape.Bytes];
        var back = new byte[shape.Bytes];

        PixelOrder.FromLayout(chw, stored, shape, PixelLayout.Chw);
        PixelOrder.ToLayout(stored, back, shape, PixelLayout.Chw);

        Assert.Equal(chw, back);
        Assert.Equal(chw[(1 * 20) + (2 * 4) + 3], stored[Stl10Format.PixelOffset(shape, 1, 2, 3)]);
    }
}
