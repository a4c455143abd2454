namespace Pipeline.Stages.LinearEval;

/// <summary>One thing the stage probes: the pretrained encoder, the same architecture with random weights, or raw pixels.</summary>
/// <param name="Name">The value of the <c>model</c> column in metrics.parquet.</param>
/// <param name="Prefix">Prepended to every metric key (empty for the pretrained encoder).</param>
public sealed record ProbeVariant(string Name, string Prefix)
{
    /// <summary>The encoder from the <c>encoder</c> input.</summary>
    public static ProbeVariant Pretrained { get; } = new("pretrained", "");

    /// <summary>ResNet-18 with random weights from a fixed seed.</summary>
    public static ProbeVariant RandomBaseline { get; } = new("baseline", "baseline_");

    /// <summary>Normalised pixels, flattened.</summary>
    public static ProbeVariant Pixels { get; } = new("pixel", "pixel_");
}
