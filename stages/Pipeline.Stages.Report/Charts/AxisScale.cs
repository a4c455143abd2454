namespace Pipeline.Stages.Report.Charts;

/// <summary>A linear axis over [Min, Max] with about five "nice" ticks (1, 2, 5 times a power of ten).</summary>
internal sealed record AxisScale(double Min, double Max, IReadOnlyList<double> Ticks)
{
    /// <summary>A scale covering every finite value; a flat or empty range is widened so it can be drawn.</summary>
    public static AxisScale For(IEnumerable<double> values, bool includeZero = false)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var min = finite.Count == 0 ? 0 : finite.Min();
        var max = finite.Count == 0 ? 1 : finite.Max();
        if (includeZero)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        if (max - min < 1e-12)
        {
            var pad = Math.Abs(max) > 1e-12 ? Math.Abs(max) * 0.1 : 1;
            min -= pad;
            max += pad;
        }

        var step = NiceStep((max - min) / 5);
        var first = Math.Floor(min / step) * step;
        var last = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var t = first; t <= last + step * 1e-6; t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        return new AxisScale(first, last, ticks);
    }

    /// <summary>Maps <paramref name="value"/> onto [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public double Map(double value, double from, double to) => from + ((value - Min) / (Max - Min) * (to - from));

    /// <summary>A tick label: compact, with scientific notation for very small or large magnitudes.</summary>
    public static string Label(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6)
            ? value.ToString("0.##e0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
