using Pipeline.Data.Stl10;

namespace Pipeline.Ml.Eval;

/// <summary>An STL-10-layout dataset split as an <see cref="IImageBatchSource"/> (CHW bytes).</summary>
public sealed class SplitImageSource(Stl10SplitReader reader) : IImageBatchSource
{
    public int Count => reader.Count;

    public int Channels => reader.Shape.Channels;

    public int Height => reader.Shape.Height;

    public int Width => reader.Shape.Width;

    public void ReadBatch(ReadOnlySpan<int> indices, Span<byte> destination) => reader.ReadBatch(indices, destination);
}
