namespace Pipeline.Ml.Eval;

/// <summary>
/// Images to evaluate, read on demand: a split of a dataset as uint8 pixels in channel, row, column order.
/// Stages adapt their dataset reader to this so the evaluation code needs no file format.
/// </summary>
public interface IImageBatchSource
{
    /// <summary>How many images the source holds.</summary>
    int Count { get; }

    /// <summary>Channels per image.</summary>
    int Channels { get; }

    /// <summary>Rows per image.</summary>
    int Height { get; }

    /// <summary>Columns per image.</summary>
    int Width { get; }

    /// <summary>Copies the images at <paramref name="indices"/> one after another into <paramref name="destination"/> (C*H*W bytes each, CHW).</summary>
    void ReadBatch(ReadOnlySpan<int> indices, Span<byte> destination);
}
