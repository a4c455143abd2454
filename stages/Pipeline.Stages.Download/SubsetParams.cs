namespace Pipeline.Stages.Download;

/// <summary>
/// The <c>subset</c> param: how many images to keep per split (null keeps the split whole). Labeled splits are
/// sampled class-balanced, deterministically from the pipeline seed.
/// </summary>
public sealed class SubsetParams
{
    /// <summary>Images kept from the unlabeled split.</summary>
    public int? Unlabeled { get; init; }

    /// <summary>Images kept from the train split (class-balanced).</summary>
    public int? Train { get; init; }

    /// <summary>Images kept from the test split (class-balanced).</summary>
    public int? Test { get; init; }
}
