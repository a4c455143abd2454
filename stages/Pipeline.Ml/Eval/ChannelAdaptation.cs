namespace Pipeline.Ml.Eval;

/// <summary>How <see cref="ImagePreprocessor"/> matches the dataset's channels to the encoder's.</summary>
public enum ChannelAdaptation
{
    /// <summary>The counts agree; pixels pass through.</summary>
    None,

    /// <summary>A 1-channel dataset for a multi-channel encoder: the gray plane is repeated into every channel.</summary>
    Repeat,

    /// <summary>A multi-channel dataset for a 1-channel encoder: the channels are averaged (equal weights, not luma).</summary>
    Average,
}
