using ScottPlot;
using SkiaSharp;

namespace Pipeline.Stages.Tsne.Plots;

/// <summary>
/// Draws a <see cref="ScatterView"/> as a PNG. A 3-D map is shown as its three axis-aligned projections side by side
/// (t-SNE 1 vs 2, 1 vs 3, 2 vs 3, equal units) so no point hides behind another; a 2-D map as one panel. The legend
/// (colour, name, point count) is a column on the right.
/// </summary>
public static class ScatterFigureRenderer
{
    private const int PanelSize = 520;
    private const int HeaderHeight = 44;
    private const float TextSize = 15;

    /// <summary>A sans-serif family installed here (DejaVu Sans on Debian), else ScottPlot's default.</summary>
    private static readonly Lazy<string> SansFamily = new(() =>
    {
        var installed = SKFontManager.Default.GetFontFamilies();
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" }
            .FirstOrDefault(f => installed.Contains(f, StringComparer.OrdinalIgnoreCase)) ?? Fonts.Default;
    });

    /// <summary>The PNG bytes of <paramref name="view"/>.</summary>
    public static byte[] RenderPng(ScatterView view)
    {
        (int A, int B)[] pairs = view.Components >= 3 ? [(0, 1), (0, 2), (1, 2)] : [(0, 1)];
        var counts = new int[view.Categories.Count];
        foreach (var category in view.CategoryOfPoint)
        {
            counts[category]++;
        }

        var fontFamily = SansFamily.Value;
        using var typeface = SKTypeface.FromFamilyName(fontFamily) ?? SKTypeface.Default;
        using var font = new SKFont(typeface, TextSize);
        using var titleFont = new SKFont(typeface, TextSize + 3) { Embolden = true };
        var labels = view.Categories.Select((c, i) => $"{c.Name} ({counts[i]})").ToArray();
        var legendWidth = 60 + (int)Math.Ceiling(labels.Select(l => font.MeasureText(l)).DefaultIfEmpty(0).Max());
        var width = (pairs.Length * PanelSize) + legendWidth;
        var height = HeaderHeight + PanelSize;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(view.Title, 16, 30, SKTextAlign.Left, titleFont, ink);

        // Plot.Render clears the whole canvas it is given, so each panel is drawn on its own surface and copied in.
        for (var p = 0; p < pairs.Length; p++)
        {
            using var plot = BuildPanel(view, pairs[p].A, pairs[p].B, fontFamily);
            using var panel = SKSurface.Create(new SKImageInfo(PanelSize, PanelSize, SKColorType.Rgba8888, SKAlphaType.Premul));
            plot.Render(panel);
            using var snapshot = panel.Snapshot();
            canvas.DrawImage(snapshot, p * PanelSize, HeaderHeight);
        }

        DrawLegend(canvas, view.Categories, labels, pairs.Length * PanelSize + 16, HeaderHeight + 40, font, ink);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static Plot BuildPanel(ScatterView view, int a, int b, string fontFamily)
    {
        var plot = new Plot();
        plot.Font.Set(fontFamily);
        var size = view.Count switch
        {
            <= 600 => 6f,
            <= 3000 => 4f,
            _ => 3f,
        };
        for (var c = 0; c < view.Categories.Count; c++)
        {
            var members = Enumerable.Range(0, view.Count).Where(i => view.CategoryOfPoint[i] == c).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var xs = members.Select(i => (double)view.Points[(i * view.Components) + a]).ToArray();
            var ys = members.Select(i => (double)view.Points[(i * view.Components) + b]).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LineWidth = 0;
            scatter.MarkerSize = size;
            scatter.MarkerShape = MarkerShape.FilledCircle;
            scatter.Color = Color.FromHex(view.Categories[c].Color).WithAlpha(0.75);
        }

        plot.XLabel($"t-SNE {a + 1}", TextSize);
        plot.YLabel($"t-SNE {b + 1}", TextSize);
        plot.Axes.SquareUnits();
        plot.HideLegend();
        return plot;
    }

    private static void DrawLegend(SKCanvas canvas, IReadOnlyList<Category> categories, string[] labels, float x, float y, SKFont font, SKPaint ink)
    {
        for (var i = 0; i < categories.Count; i++)
        {
            var (r, g, b) = Palette.Rgb(categories[i].Color);
            using var dot = new SKPaint { Color = new SKColor(r, g, b), IsAntialias = true };
            var rowY = y + (i * 26);
            canvas.DrawCircle(x + 7, rowY - 5, 7, dot);
            canvas.DrawText(labels[i], x + 22, rowY, SKTextAlign.Left, font, ink);
        }
    }
}
