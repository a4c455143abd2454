namespace Pipeline.Ml.Tests.Augment;

/// <summary>
/// torchvision's functional colour definitions (torchvision/transforms/_functional_tensor.py) written as plain
/// loops in double over [n, 3, H, W] arrays flattened in C order: the references the tensor code is checked against.
/// </summary>
internal static class ColorReference
{
    public const double R = 0.299, G = 0.587, B = 0.114;

    public static double[] Brightness(double[] x, int n, double[] factor)
    {
        var per = x.Length / n;
        return [.. x.Select((v, i) => Clamp(v * factor[i / per]))];
    }

    public static double[] Contrast(double[] x, int n, int h, int w, double[] factor)
    {
        var plane = h * w;
        var y = new double[x.Length];
        for (var s = 0; s < n; s++)
        {
            var mean = 0.0;
            for (var p = 0; p < plane; p++)
            {
                mean += Luma(x, s, plane, p);
            }

            mean /= plane;
            for (var i = s * 3 * plane; i < (s + 1) * 3 * plane; i++)
            {
                y[i] = Clamp((factor[s] * x[i]) + ((1 - factor[s]) * mean));
            }
        }

        return y;
    }

    public static double[] Saturation(double[] x, int n, int h, int w, double[] factor)
    {
        var plane = h * w;
        var y = new double[x.Length];
        for (var s = 0; s < n; s++)
        {
            for (var p = 0; p < plane; p++)
            {
                var grey = Luma(x, s, plane, p);
                for (var c = 0; c < 3; c++)
                {
                    var i = (((s * 3) + c) * plane) + p;
                    y[i] = Clamp((factor[s] * x[i]) + ((1 - factor[s]) * grey));
                }
            }
        }

        return y;
    }

    public static double[] Hue(double[] x, int n, int h, int w, double[] factor)
    {
        var plane = h * w;
        var y = new double[x.Length];
        for (var s = 0; s < n; s++)
        {
            for (var p = 0; p < plane; p++)
            {
                var (hue, sat, val) = RgbToHsv(x[(s * 3 * plane) + p], x[(((s * 3) + 1) * plane) + p], x[(((s * 3) + 2) * plane) + p]);
                hue = ((hue + factor[s]) % 1.0 + 1.0) % 1.0;
                var (r, g, b) = HsvToRgb(hue, sat, val);
                y[(s * 3 * plane) + p] = r;
                y[(((s * 3) + 1) * plane) + p] = g;
                y[(((s * 3) + 2) * plane) + p] = b;
            }
        }

        return y;
    }

    /// <summary>torchvision's _rgb2hsv for one pixel.</summary>
    public static (double H, double S, double V) RgbToHsv(double r, double g, double b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var cr = max - min;
        var s = cr / (max == min ? 1 : max);
        var divisor = max == min ? 1 : cr;
        var rc = (max - r) / divisor;
        var gc = (max - g) / divisor;
        var bc = (max - b) / divisor;
        double h;
        if (max == r)
        {
            h = bc - gc;
        }
        else if (max == g)
        {
            h = 2.0 + rc - bc;
        }
        else
        {
            h = 4.0 + gc - rc;
        }

        h = ((h / 6.0) + 1.0) % 1.0;
        return (h, s, max);
    }

    /// <summary>torchvision's _hsv2rgb for one pixel (sector i, fraction f, p, q, t).</summary>
    public static (double R, double G, double B) HsvToRgb(double h, double s, double v)
    {
        var i = Math.Floor(h * 6.0);
        var f = (h * 6.0) - i;
        var sector = (int)i % 6;
        var p = Math.Clamp(v * (1.0 - s), 0.0, 1.0);
        var q = Math.Clamp(v * (1.0 - (s * f)), 0.0, 1.0);
        var t = Math.Clamp(v * (1.0 - (s * (1.0 - f))), 0.0, 1.0);
        return sector switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }

    private static double Luma(double[] x, int s, int plane, int p) =>
        (R * x[(s * 3 * plane) + p]) + (G * x[(((s * 3) + 1) * plane) + p]) + (B * x[(((s * 3) + 2) * plane) + p]);

    private static double Clamp(double v) => Math.Clamp(v, 0.0, 1.0);
}
