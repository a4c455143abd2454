namespace Pipeline.Data.Synthetic;

/// <summary>
/// Draws one synthetic image of a class. Classes differ in three ways a convolutional encoder can pick up:
/// the shape (one of ten), its hue (36 degrees apart) and the frequency and angle of stripes inside it. Position,
/// scale, rotation, background and pixel noise vary per image, so nothing is a constant give-away.
/// </summary>
public static class SyntheticImageRenderer
{
    private const int ShapeCount = 10;

    /// <summary>Renders class <paramref name="label"/> into <paramref name="chw"/> (channel, row, column) using <paramref name="random"/>.</summary>
    public static void Render(int label, DeterministicRandom random, ImageShape shape, Span<byte> chw)
    {
        if (chw.Length != shape.Bytes)
        {
            throw new ArgumentException($"the buffer must hold {shape.Bytes} bytes", nameof(chw));
        }

        int h = shape.Height, w = shape.Width;
        var size = Math.Min(h, w);
        var cx = random.NextDouble(0.3, 0.7) * w;
        var cy = random.NextDouble(0.3, 0.7) * h;
        var radius = random.NextDouble(0.2, 0.34) * size;
        var rotation = random.NextDouble(0, 2 * Math.PI);
        var hue = ((label * 36.0) + random.NextDouble(-8, 8) + 360.0) % 360.0;
        var fg = HsvToRgb(hue, random.NextDouble(0.7, 0.95), random.NextDouble(0.75, 1.0));
        var bgLevel = random.NextDouble(0.1, 0.45);
        var bgTint = HsvToRgb(random.NextDouble(0, 360), random.NextDouble(0, 0.25), bgLevel);
        var stripes = 1.5 + (label % 5 * 1.2);
        var stripeAngle = (label < 5 ? 0.0 : Math.PI / 2) + random.NextDouble(-0.2, 0.2);
        var (sa, ca) = Math.SinCos(stripeAngle);
        var (sr, cr) = Math.SinCos(rotation);
        var plane = shape.PlaneBytes;

        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var dx = x - cx;
                var dy = y - cy;
                var u = ((dx * cr) + (dy * sr)) / radius;
                var v = ((-dx * sr) + (dy * cr)) / radius;
                var inside = Inside(label % ShapeCount, u, v);
                var stripe = Math.Sin(2 * Math.PI * stripes * ((u * ca) + (v * sa))) >= 0 ? 1.0 : 0.55;
                var gradient = 0.85 + (0.3 * y / h);
                for (var c = 0; c < shape.Channels; c++)
                {
                    var value = inside ? Channel(fg, c, shape.Channels) * stripe : Channel(bgTint, c, shape.Channels) * gradient;
                    var noisy = (value * 255.0) + random.NextDouble(-14, 14);
                    chw[(c * plane) + (y * w) + x] = (byte)Math.Clamp((int)Math.Round(noisy), 0, 255);
                }
            }
        }
    }

    private static bool Inside(int kind, double u, double v)
    {
        var au = Math.Abs(u);
        var av = Math.Abs(v);
        var r = Math.Sqrt((u * u) + (v * v));
        return kind switch
        {
            0 => r <= 1.0,                                             // disc
            1 => au <= 0.8 && av <= 0.8,                               // square
            2 => v <= 0.8 && v >= (2 * au) - 1.0,                      // triangle
            3 => r <= 1.0 && r >= 0.55,                                // ring
            4 => (au <= 0.3 && av <= 1.0) || (av <= 0.3 && au <= 1.0), // plus
            5 => au <= 1.0 && av <= 0.35,                              // bar
            6 => au + av <= 1.0,                                       // diamond
            7 => ((u * u) + (v * v * 4)) <= 1.0,                       // ellipse
            8 => Math.Max(au, av) <= 0.9 && Math.Max(au, av) >= 0.55,  // hollow square
            _ => (au <= 0.25 || av <= 0.25 || Math.Abs(au - av) <= 0.25) && r <= 1.0, // star
        };
    }

    private static double Channel((double R, double G, double B) rgb, int c, int channels) =>
        channels == 1 ? (0.299 * rgb.R) + (0.587 * rgb.G) + (0.114 * rgb.B) : c switch { 0 => rgb.R, 1 => rgb.G, _ => rgb.B };

    private static (double R, double G, double B) HsvToRgb(double hue, double saturation, double value)
    {
        var c = value * saturation;
        var x = c * (1 - Math.Abs((hue / 60.0 % 2) - 1));
        var m = value - c;
        var (r, g, b) = (int)(hue / 60.0) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return (r + m, g + m, b + m);
    }
}
