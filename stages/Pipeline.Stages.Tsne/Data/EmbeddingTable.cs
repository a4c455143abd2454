namespace Pipeline.Stages.Tsne.Data;

/// <summary>
/// The rows of <c>embeddings.parquet</c> in memory: per-row metadata and the features as one row-major
/// <c>Count x Dimensions</c> array, the layout the t-SNE library takes.
/// </summary>
public sealed class EmbeddingTable
{
    /// <summary>Creates a table; every per-row array has <paramref name="count"/> entries.</summary>
    public EmbeddingTable(int count, int dimensions, int[] index, string[] split, int[] labels, string[] classNames, string[] superclasses, float[] features)
    {
        if (index.Length != count || split.Length != count || labels.Length != count || classNames.Length != count || superclasses.Length != count)
        {
            throw new ArgumentException("every per-row array must have one entry per row");
        }

        if (features.Length != (long)count * dimensions)
        {
            throw new ArgumentException($"features must hold {count} x {dimensions} values, got {features.Length}", nameof(features));
        }

        Count = count;
        Dimensions = dimensions;
        Index = index;
        Split = split;
        Labels = labels;
        ClassNames = classNames;
        Superclasses = superclasses;
        Features = features;
    }

    /// <summary>Rows (N).</summary>
    public int Count { get; }

    /// <summary>Feature columns (D).</summary>
    public int Dimensions { get; }

    /// <summary>The image index within its split.</summary>
    public int[] Index { get; }

    /// <summary>The split each row came from (empty when the table has no <c>split</c> column).</summary>
    public string[] Split { get; }

    /// <summary>Class labels.</summary>
    public int[] Labels { get; }

    /// <summary>Class names, one per row.</summary>
    public string[] ClassNames { get; }

    /// <summary>Superclass names, one per row (empty when the table has no <c>superclass</c> column).</summary>
    public string[] Superclasses { get; }

    /// <summary>Row-major features, N x D.</summary>
    public float[] Features { get; }

    /// <summary>The rows at <paramref name="rows"/> (in that order) as a new table.</summary>
    public EmbeddingTable Select(IReadOnlyList<int> rows)
    {
        var features = new float[(long)rows.Count * Dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            Array.Copy(Features, (long)rows[i] * Dimensions, features, (long)i * Dimensions, Dimensions);
        }

        return new EmbeddingTable(
            rows.Count,
            Dimensions,
            [.. rows.Select(r => Index[r])],
            [.. rows.Select(r => Split[r])],
            [.. rows.Select(r => Labels[r])],
            [.. rows.Select(r => ClassNames[r])],
            [.. rows.Select(r => Superclasses[r])],
            features);
    }
}
