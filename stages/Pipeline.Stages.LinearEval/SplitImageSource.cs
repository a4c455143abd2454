using Pipeline.Data.Stl10;
using Pipeline.Ml.Eval;

namespace Pipeline.Stages.LinearEval;

/// <summary>A dataset split as an <see cref="IImageBatchSource"/> (CHW bytes).</summary>
internal sealed class SplitImageSource(Stl10SplitReader reader) : IImageBatchSource
{
    public int Count => reader.Count;

    public int Channels => reader.Shape.Channels;

    public int Height => reader.Shape.Height;

    public int Width => reader.Shape.Width;

    public void ReadBatch(ReadOnlySpan<int> indices, Span<byte> destination) => reader.ReadBatch(indices, destination);
}
