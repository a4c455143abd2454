namespace Pipeline.Stages.Abstractions;

/// <summary>The artifact types stages exchange. An input only accepts an output of the same type.</summary>
public static class ArtifactTypes
{
    /// <summary>A directory in the STL-10 binary layout plus <c>dataset.json</c> (channels, size, classes).</summary>
    public const string Dataset = "dataset";

    /// <summary>Backbone weights that produce features.</summary>
    public const string Encoder = "encoder";

    /// <summary>Model, optimiser and RNG state to resume training.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>One or more Parquet files.</summary>
    public const string Table = "table";

    /// <summary>PNG images.</summary>
    public const string Images = "images";

    /// <summary>Trained classifier weights.</summary>
    public const string Classifier = "classifier";

    /// <summary>HTML and Markdown report.</summary>
    public const string Report = "report";
}
