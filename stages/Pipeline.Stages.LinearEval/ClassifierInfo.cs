namespace Pipeline.Stages.LinearEval;

/// <summary>What <c>classifier.json</c> says about the saved linear layer.</summary>
public sealed record ClassifierInfo
{
    /// <summary>Class names in label order (output unit i is class i).</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Width of the input features (the encoder's feature dimension).</summary>
    public int FeatureDimension { get; init; }

    /// <summary>The 1-based epoch whose weights were kept.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Test top-1 accuracy of these weights.</summary>
    public double TestTop1 { get; init; }

    /// <summary>Whether the probe was trained with augmentation.</summary>
    public bool Augment { get; init; }
}
