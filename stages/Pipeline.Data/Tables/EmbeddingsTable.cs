using System.Globalization;
using Parquet.Schema;

namespace Pipeline.Data.Tables;

/// <summary>
/// The schema of <c>embeddings.parquet</c>, defined once (written by <c>embed</c>, read by <c>tsne</c>):
/// <c>index</c> (int32, position in its split), <c>split</c> (string), <c>label</c> (int32, -1 for unlabeled images),
/// <c>class_name</c> and <c>superclass</c> (strings, "" when unknown), then one float32 column per feature, <c>f000</c>
/// .. <c>f511</c>. Flat columns rather than one list column, because pandas
/// (<c>df.filter(regex="^f\d+$").to_numpy()</c>) and DuckDB (<c>COLUMNS('f\d+')</c>) read those directly.
/// </summary>
public static class EmbeddingsTable
{
    /// <summary>The file inside the <c>embeddings</c> artifact.</summary>
    public const string FileName = "embeddings.parquet";

    /// <summary>Image index within its split (int32).</summary>
    public static DataField<int> Index { get; } = new("index");

    /// <summary>Split name (string; optional for readers).</summary>
    public static DataField<string> Split { get; } = new("split");

    /// <summary>Class label (int32, -1 when unlabeled).</summary>
    public static DataField<int> Label { get; } = new("label");

    /// <summary>Class name (string).</summary>
    public static DataField<string> ClassName { get; } = new("class_name");

    /// <summary>Superclass name (string; optional for readers).</summary>
    public static DataField<string> Superclass { get; } = new("superclass");

    /// <summary>Feature columns are this prefix and a zero-padded number.</summary>
    public const string FeaturePrefix = "f";

    /// <summary>The columns before the features, in order.</summary>
    public static IReadOnlyList<DataField> MetadataFields { get; } = [Index, Split, Label, ClassName, Superclass];

    /// <summary>Their names.</summary>
    public static IReadOnlyList<string> MetadataColumns { get; } = MetadataFields.Select(f => f.Name).ToArray();

    /// <summary>The feature column names for <paramref name="dimension"/> features: f000 .. (at least three digits).</summary>
    public static IReadOnlyList<string> FeatureColumns(int dimension)
    {
        var digits = Math.Max(3, (dimension - 1).ToString(CultureInfo.InvariantCulture).Length);
        return Enumerable.Range(0, dimension).Select(i => FeaturePrefix + i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')).ToArray();
    }

    /// <summary>Whether <paramref name="name"/> is a feature column (<c>f</c> followed by digits only).</summary>
    public static bool IsFeature(string name) =>
        name.Length > 1 && name.StartsWith(FeaturePrefix, StringComparison.Ordinal) && name.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>The full schema for <paramref name="dimension"/> features.</summary>
    public static ParquetSchema Schema(int dimension)
    {
        var fields = new List<Field>(MetadataFields);
        fields.AddRange(FeatureColumns(dimension).Select(name => new DataField<float>(name)));
        return new ParquetSchema(fields);
    }
}
