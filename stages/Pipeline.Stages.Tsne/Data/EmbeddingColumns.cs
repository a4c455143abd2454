namespace Pipeline.Stages.Tsne.Data;

/// <summary>Column names of the <c>embed</c> stage's <c>embeddings.parquet</c>.</summary>
public static class EmbeddingColumns
{
    /// <summary>The file inside the <c>embeddings</c> artifact.</summary>
    public const string FileName = "embeddings.parquet";

    /// <summary>Image index within its split (int).</summary>
    public const string Index = "index";

    /// <summary>Split name (string, optional here).</summary>
    public const string Split = "split";

    /// <summary>Class label (int).</summary>
    public const string Label = "label";

    /// <summary>Class name (string).</summary>
    public const string ClassName = "class_name";

    /// <summary>Superclass name (string, optional here).</summary>
    public const string Superclass = "superclass";

    /// <summary>Feature columns are this prefix and a zero-padded number: <c>f000</c>..<c>f511</c>.</summary>
    public const string FeaturePrefix = "f";

    /// <summary>Whether <paramref name="name"/> is a feature column (<c>f</c> followed by digits only).</summary>
    public static bool IsFeature(string name) =>
        name.Length > 1 && name.StartsWith(FeaturePrefix, StringComparison.Ordinal) && name.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
