using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace Pipeline.Stages.AugmentPreview;

/// <summary>
/// Lays out batches of images as panels side by side (originals, view 1, view 2), each panel a near-square grid
/// (3x3 for 9 images), each image rescaled to 0..1 by its own minimum and maximum, and encodes the result as PNG
/// (RGB for 3 channels, 8-bit grey for 1).
/// </summary>
public static class PreviewGrid
{
    /// <summary>Pixels between the images of a panel.</summary>
    public const int CellGap = 2;

    /// <summary>Pixels between panels.</summary>
    public const int PanelGap = 8;

    /// <summary>Background grey level of the gaps.</summary>
    public const byte Background = 255;

    /// <summary>Columns of a panel of <paramref name="count"/> images: ceil(sqrt(count)).</summary>
    public static int Columns(int count) => (int)Math.Ceiling(Math.Sqrt(count));

    /// <summary>Rows of a panel of <paramref name="count"/> images.</summary>
    public static int Rows(int count) => (count + Columns(count) - 1) / Columns(count);

    /// <summary>The PNG's width and height for <paramref name="panels"/> panels of <paramref name="count"/> images of side <paramref name="cell"/>.</summary>
    public static (int Width, int Height) Size(int panels, int count, int cell)
    {
        var panelWidth = (Columns(count) * cell) + ((Columns(count) - 1) * CellGap);
        var height = (Rows(count) * cell) + ((Rows(count) - 1) * CellGap);
        return ((panels * panelWidth) + ((panels - 1) * PanelGap), height);
    }

    /// <summary>Encodes the panels as PNG into <paramref name="destination"/>.</summary>
    /// <param name="panels">Each [n, C, S, S] float (any range), all the same shape, C = 1 or 3.</param>
    /// <param name="destination">Where the PNG bytes go.</param>
    public static void WritePng(IReadOnlyList<Tensor> panels, Stream destination)
    {
        var (n, c, cell) = ((int)panels[0].shape[0], (int)panels[0].shape[1], (int)panels[0].shape[2]);
        var (width, height) = Size(panels.Count, n, cell);
        var canvas = new byte[width * height * c];
        Array.Fill(canvas, Background);
        var panelWidth = (width - ((panels.Count - 1) * PanelGap)) / panels.Count;
        var columns = Columns(n);
        for (var p = 0; p < panels.Count; p++)
        {
            var pixels = ToBytes(panels[p]); // [n, S, S, C]
            for (var i = 0; i < n; i++)
            {
                var x0 = (p * (panelWidth + PanelGap)) + (i % columns * (cell + CellGap));
                var y0 = i / columns * (cell + CellGap);
                for (var y = 0; y < cell; y++)
                {
                    var source = pixels.AsSpan(((i * cell) + y) * cell * c, cell * c);
                    source.CopyTo(canvas.AsSpan((((y0 + y) * width) + x0) * c, cell * c));
                }
            }
        }

        var encoder = new PngEncoder
        {
            ColorType = c == 1 ? PngColorType.Grayscale : PngColorType.Rgb,
            BitDepth = PngBitDepth.Bit8,
        };
        if (c == 1)
        {
            using var image = Image.LoadPixelData<L8>(canvas, width, height);
            image.SaveAsPng(destination, encoder);
        }
        else
        {
            using var image = Image.LoadPixelData<Rgb24>(canvas, width, height);
            image.SaveAsPng(destination, encoder);
        }
    }

    // Per-image min-max rescale to 0..255, channels last: [n, C, S, S] -> bytes of [n, S, S, C].
    private static byte[] ToBytes(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = images.detach().cpu().to(ScalarType.Float32);
        var flat = x.flatten(1);
        var low = flat.amin([1], keepdim: true);
        var span = flat.amax([1], keepdim: true).sub(low).clamp_min(1e-12);
        var scaled = flat.sub(low).div_(span).mul_(255).round_().clamp_(0, 255).view_as(x);
        return scaled.permute(0, 2, 3, 1).contiguous().to(ScalarType.Byte).data<byte>().ToArray();
    }
}
