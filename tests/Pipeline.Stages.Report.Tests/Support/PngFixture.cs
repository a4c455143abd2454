using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Small deterministic PNGs: a colour gradient with a diagonal, so a blank render is easy to tell apart.</summary>
public static class PngFixture
{
    public static void Write(string path, int width = 48, int height = 32, byte tint = 0)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = x == y
                    ? new Rgba32(0, 0, 0, 255)
                    : new Rgba32((byte)(x * 255 / width), (byte)(y * 255 / height), tint, 255);
            }
        }

        image.SaveAsPng(path);
    }
}
