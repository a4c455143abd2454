namespace Pipeline.Data;

/// <summary>How a caller's buffer holds one image.</summary>
public enum PixelLayout
{
    /// <summary>Channel, then row, then column: index <c>c*H*W + y*W + x</c> (what PyTorch/TorchSharp expect).</summary>
    Chw,

    /// <summary>Row, then column, then channel: index <c>(y*W + x)*C + c</c> (what image libraries expect).</summary>
    Hwc,
}
