using System.Globalization;
using Parquet.Schema;

namespace Pipeline.Stages.Embed;

/// <summary>
/// The schema of <c>embeddings.parquet</c>: <c>index</c> (int32, position in its split), <c>split</c> (string),
/// <c>label</c> (int32, -1 for unlabeled images), <c>class_name</c> and <c>superclass</c> (strings, "" when unknown),
/// then one float32 column per feature, <c>f000</c> .. <c>f511</c>. Flat columns rather than one list column, because
/// pandas (<c>df.filter(regex="^f\d+$").to_numpy()</c>) and DuckDB (<c>COLUMNS('f\d+')</c>) read those directly.
/// </summary>
public static class EmbeddingsTable
{
    /// <summary>The file name.</summary>
    public const string FileName = "embeddings.parquet";

    /// <summary>Columns before the features.</summary>
    public static IReadOnlyList<string> MetadataColumns { get; } = ["index", "split", "label", "class_name", "superclass"];

    /// <summary>The feature column names for <paramref name="dimension"/> features: f000 .. (at least three digits).</summary>
    public static IReadOnlyList<string> FeatureColumns(int dimension)
    {
        var digits = Math.Max(3, (dimension - 1).ToString(CultureInfo.InvariantCulture).Length);
        return Enumerable.Range(0, dimension).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')).ToArray();
    }

    /// <summary>The full schema for <paramref name="dimension"/> features.</summary>
    public static ParquetSchema Schema(int dimension)
    {
        var fields = new List<Field>
        {
            new DataField<int>("index"),
            new DataField<string>("split"),
            new DataField<int>("label"),
            new DataField<string>("class_name"),
            new DataField<string>("superclass"),
        };
        fields.AddRange(FeatureColumns(dimension).Select(name => new DataField<float>(name)));
        return new ParquetSchema(fields);
    }
}
