namespace Pipeline.Stages.FashionMnist;

/// <summary>
/// The <c>subset</c> param: how many images to keep per split (null keeps the split whole). Train and test are
/// sampled class-balanced, unlabeled uniformly, all deterministically from the pipeline seed.
/// </summary>
public sealed class SubsetParams
{
    /// <summary>Images kept for the unlabeled split, drawn from the pool <see cref="FashionMnistParams.UnlabeledFrom"/> names.</summary>
    public int? Unlabeled { get; init; }

    /// <summary>Images kept from the train split (class-balanced).</summary>
    public int? Train { get; init; }

    /// <summary>Images kept from the test split (class-balanced).</summary>
    public int? Test { get; init; }
}
