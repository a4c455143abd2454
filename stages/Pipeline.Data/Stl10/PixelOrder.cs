namespace Pipeline.Data.Stl10;

/// <summary>Converts one image between the on-disk order (planar, column-major) and the caller's <see cref="PixelLayout"/>.</summary>
public static class PixelOrder
{
    /// <summary>Copies a stored image into <paramref name="destination"/> in <paramref name="layout"/>.</summary>
    public static void ToLayout(ReadOnlySpan<byte> stored, Span<byte> destination, ImageShape shape, PixelLayout layout)
    {
        Check(stored.Length, destination.Length, shape);
        int h = shape.Height, w = shape.Width, plane = shape.PlaneBytes;
        for (var c = 0; c < shape.Channels; c++)
        {
            var src = stored.Slice(c * plane, plane);
            for (var x = 0; x < w; x++)
            {
                var column = src.Slice(x * h, h);
                for (var y = 0; y < h; y++)
                {
                    destination[Index(shape, layout, c, y, x)] = column[y];
                }
            }
        }
    }

    /// <summary>Copies a stored image into <paramref name="destination"/> in <paramref name="layout"/>, scaled to [0, 1].</summary>
    public static void ToLayout(ReadOnlySpan<byte> stored, Span<float> destination, ImageShape shape, PixelLayout layout)
    {
        Check(stored.Length, destination.Length, shape);
        int h = shape.Height, w = shape.Width, plane = shape.PlaneBytes;
        const float scale = 1f / 255f;
        for (var c = 0; c < shape.Channels; c++)
        {
            var src = stored.Slice(c * plane, plane);
            for (var x = 0; x < w; x++)
            {
                var column = src.Slice(x * h, h);
                for (var y = 0; y < h; y++)
                {
                    destination[Index(shape, layout, c, y, x)] = column[y] * scale;
                }
            }
        }
    }

    /// <summary>Converts an image held in <paramref name="layout"/> into the on-disk order.</summary>
    public static void FromLayout(ReadOnlySpan<byte> source, Span<byte> stored, ImageShape shape, PixelLayout layout)
    {
        Check(stored.Length, source.Length, shape);
        for (var c = 0; c < shape.Channels; c++)
        {
            for (var x = 0; x < shape.Width; x++)
            {
                for (var y = 0; y < shape.Height; y++)
                {
                    stored[Stl10Format.PixelOffset(shape, c, y, x)] = source[Index(shape, layout, c, y, x)];
                }
            }
        }
    }

    /// <summary>The index of pixel (c, y, x) in a buffer laid out as <paramref name="layout"/>.</summary>
    public static int Index(ImageShape shape, PixelLayout layout, int c, int y, int x) =>
        layout == PixelLayout.Chw
            ? (c * shape.PlaneBytes) + (y * shape.Width) + x
            : (((y * shape.Width) + x) * shape.Channels) + c;

    private static void Check(int storedLength, int otherLength, ImageShape shape)
    {
        if (storedLength != shape.Bytes || otherLength != shape.Bytes)
        {
            throw new ArgumentException($"an image of shape {shape.Channels}x{shape.Height}x{shape.Width} takes {shape.Bytes} elements; got {storedLength} and {otherLength}");
        }
    }
}
