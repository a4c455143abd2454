namespace Pipeline.Stages.FashionMnist.Conversion;

/// <summary>The row-major pixels of source image <paramref name="index"/>.</summary>
internal delegate ReadOnlySpan<byte> ImageSource(int index);
