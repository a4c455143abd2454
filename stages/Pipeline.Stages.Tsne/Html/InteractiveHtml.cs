using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Stages.Tsne.Data;
using Pipeline.Stages.Tsne.Plots;

namespace Pipeline.Stages.Tsne.Html;

/// <summary>
/// Builds <c>tsne_3d.html</c>: one offline file whose inline script draws the map on a 2-D canvas (perspective,
/// depth-sorted, drag to rotate, wheel to zoom, hover for the class, legend to hide classes, colour by class or superclass).
/// The points are embedded as JSON in a <c>&lt;script type="application/json" id="tsne-data"&gt;</c>; coordinates are
/// scaled to [-1, 1] and stored as integers of <see cref="Scale"/>ths to keep the file small.
/// </summary>
public static class InteractiveHtml
{
    /// <summary>The output file name.</summary>
    public const string FileName = "tsne_3d.html";

    /// <summary>Coordinates are stored as round(value x Scale) after scaling the map into [-1, 1].</summary>
    public const int Scale = 1000;

    private const string TemplateResource = "Pipeline.Stages.Tsne.tsne_3d.template.html";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The whole HTML document for the map <paramref name="embedding"/> (N x <paramref name="components"/>) of <paramref name="table"/>.</summary>
    public static string Build(string title, EmbeddingTable table, float[] embedding, int components)
    {
        var classes = FigureSet.Classes(table);
        var superclasses = FigureSet.Superclasses(table);
        var superRank = superclasses.Select((s, r) => (s, r)).ToDictionary(p => p.s, p => p.r, StringComparer.Ordinal);
        var classRank = classes.Select((c, r) => (c.Label, r)).ToDictionary(p => p.Label, p => p.r);
        var superOfClass = classes.Select(c => SuperclassOf(table, c.Label, superRank)).ToArray();

        var payload = new Payload(
            title,
            components,
            Scale,
            [.. classes.Select((c, r) => new ClassEntry(c.Category.Name, c.Category.Color, superOfClass[r]))],
            [.. superclasses.Select((s, r) => new CategoryEntry(s, Palette.Hex(r)))],
            [.. table.Labels.Select(l => classRank[l])],
            Quantize(embedding, components),
            table.Index);
        var json = JsonSerializer.Serialize(payload, JsonOptions);
        return LoadTemplate()
            .Replace("__TITLE__", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("__DATA__", json, StringComparison.Ordinal);
    }

    /// <summary>Centres the map and scales it uniformly (keeping its shape) into [-1, 1], as integers of 1/<see cref="Scale"/>.</summary>
    public static int[] Quantize(float[] embedding, int components)
    {
        var n = embedding.Length / components;
        var centre = new double[components];
        var half = 0.0;
        for (var a = 0; a < components; a++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                min = Math.Min(min, embedding[(i * components) + a]);
                max = Math.Max(max, embedding[(i * components) + a]);
            }

            centre[a] = n == 0 ? 0 : (min + max) / 2;
            half = Math.Max(half, n == 0 ? 0 : (max - min) / 2);
        }

        var factor = half > 0 ? Scale / half : 0;
        var result = new int[embedding.Length];
        for (var k = 0; k < embedding.Length; k++)
        {
            result[k] = (int)Math.Round((embedding[k] - centre[k % components]) * factor);
        }

        return result;
    }

    private static int SuperclassOf(EmbeddingTable table, int label, Dictionary<string, int> superRank)
    {
        var best = table.Superclasses
            .Where((s, i) => table.Labels[i] == label && superRank.ContainsKey(s))
            .GroupBy(s => s, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();
        return best is null ? -1 : superRank[best];
    }

    private static string LoadTemplate()
    {
        using var stream = typeof(InteractiveHtml).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"the embedded resource {TemplateResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Payload(
        string Title,
        int Components,
        int Scale,
        IReadOnlyList<ClassEntry> Classes,
        IReadOnlyList<CategoryEntry> Superclasses,
        [property: JsonPropertyName("c")] int[] ClassOfPoint,
        [property: JsonPropertyName("p")] int[] Points,
        [property: JsonPropertyName("i")] int[] IndexOfPoint);

    private sealed record ClassEntry(string Name, string Color, int Superclass);

    private sealed record CategoryEntry(string Name, string Color);
}
