using Pipeline.Stages.Tsne.Data;

namespace Pipeline.Stages.Tsne.Plots;

/// <summary>
/// The figures of the reference experiment, built from the data: every class in its own colour; one colour per
/// superclass; and, for each superclass, only its points in their class colours (<c>&lt;superclass&gt;_only.png</c>).
/// </summary>
public static class FigureSet
{
    /// <summary>The file of the all-classes figure.</summary>
    public const string AllClassesFile = "all_classes.png";

    /// <summary>The file of the one-colour-per-superclass figure.</summary>
    public const string SuperclassesFile = "superclasses.png";

    /// <summary>The classes of <paramref name="table"/> in label order, with their legend colours.</summary>
    public static IReadOnlyList<(int Label, Category Category)> Classes(EmbeddingTable table)
    {
        var names = new SortedDictionary<int, string>();
        for (var i = 0; i < table.Count; i++)
        {
            names.TryAdd(table.Labels[i], table.ClassNames[i]);
        }

        return [.. names.Select((entry, rank) => (entry.Key, new Category(Name(entry.Value, $"class {entry.Key}"), Palette.Hex(rank))))];
    }

    /// <summary>The non-empty superclass names of <paramref name="table"/> in ordinal order.</summary>
    public static IReadOnlyList<string> Superclasses(EmbeddingTable table) =>
        [.. table.Superclasses.Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>File name to figure, in the order above; without superclass names only the all-classes figure.</summary>
    public static IReadOnlyList<(string File, ScatterView View)> Build(EmbeddingTable table, float[] embedding, int components)
    {
        var classes = Classes(table);
        var classRank = classes.Select((c, rank) => (c.Label, rank)).ToDictionary(p => p.Label, p => p.rank);
        var all = Enumerable.Range(0, table.Count).ToArray();
        var figures = new List<(string, ScatterView)>
        {
            (AllClassesFile, new ScatterView(
                $"t-SNE: all {classes.Count} classes ({table.Count} points)",
                embedding, components, [.. all.Select(i => classRank[table.Labels[i]])], [.. classes.Select(c => c.Category)])),
        };

        var superclasses = Superclasses(table);
        if (superclasses.Count == 0)
        {
            return figures;
        }

        var superRank = superclasses.Select((s, rank) => (s, rank)).ToDictionary(p => p.s, p => p.rank, StringComparer.Ordinal);
        var labelled = all.Where(i => superRank.ContainsKey(table.Superclasses[i])).ToArray();
        figures.Add((SuperclassesFile, new ScatterView(
            $"t-SNE: {string.Join(" vs ", superclasses)} ({labelled.Length} points)",
            Gather(embedding, components, labelled), components,
            [.. labelled.Select(i => superRank[table.Superclasses[i]])],
            [.. superclasses.Select((s, rank) => new Category(s, Palette.Hex(rank)))])));

        var usedFiles = new HashSet<string>(StringComparer.Ordinal) { AllClassesFile, SuperclassesFile };
        foreach (var superclass in superclasses)
        {
            var rows = all.Where(i => string.Equals(table.Superclasses[i], superclass, StringComparison.Ordinal)).ToArray();
            var ranks = rows.Select(i => classRank[table.Labels[i]]).Distinct().Order().ToArray();
            var local = ranks.Select((rank, j) => (rank, j)).ToDictionary(p => p.rank, p => p.j);
            var file = UniqueFile(OnlyFileName(superclass), usedFiles);
            figures.Add((file, new ScatterView(
                $"t-SNE: {superclass} only ({rows.Length} points)",
                Gather(embedding, components, rows), components,
                [.. rows.Select(i => local[classRank[table.Labels[i]]])],
                [.. ranks.Select(rank => classes[rank].Category)])));
        }

        return figures;
    }

    /// <summary><c>&lt;slug&gt;_only.png</c>: the superclass name lower-cased, anything but letters and digits as '_'.</summary>
    public static string OnlyFileName(string superclass)
    {
        var slug = new string([.. superclass.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_')]).Trim('_');
        return $"{(slug.Length == 0 ? "superclass" : slug)}_only.png";
    }

    private static string UniqueFile(string file, HashSet<string> used)
    {
        var candidate = file;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = file.Replace("_only.png", $"_{n}_only.png", StringComparison.Ordinal);
        }

        return candidate;
    }

    private static float[] Gather(float[] embedding, int components, int[] rows)
    {
        var points = new float[rows.Length * components];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Copy(embedding, rows[i] * components, points, i * components, components);
        }

        return points;
    }

    private static string Name(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
