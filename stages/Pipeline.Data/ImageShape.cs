namespace Pipeline.Data;

/// <summary>The size of one image: channels, height and width; <see cref="Bytes"/> is how many bytes it takes as uint8.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>STL-10: 3 channels (R, G, B) of 96x96 pixels.</summary>
    public static ImageShape Stl10 { get; } = new(3, 96, 96);

    /// <summary>Bytes per image (one byte per channel per pixel).</summary>
    public int Bytes => Channels * Height * Width;

    /// <summary>Bytes per channel plane.</summary>
    public int PlaneBytes => Height * Width;
}
