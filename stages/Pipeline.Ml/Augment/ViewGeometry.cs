using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Pipeline.Ml.Augment;

/// <summary>
/// Crop, resize, 90-degree rotation and flips of a batch as one resampling: per-sample 2x3 matrices for
/// <c>affine_grid</c> and one bilinear <c>grid_sample</c> (Jaderberg et al. 2015, spatial transformer sampling).
/// Coordinates are normalised with <c>align_corners=false</c>, so a full-image box reproduces
/// <c>interpolate(bilinear, align_corners=false)</c> and a flip mirrors pixel centres exactly.
/// </summary>
public static class ViewGeometry
{
    /// <summary>
    /// The sampling matrices mapping output coordinates to input coordinates. The image is cropped to the box,
    /// resized, rotated 90 degrees counter-clockwise where <paramref name="rotate"/>, then flipped.
    /// </summary>
    /// <param name="boxes">[n, 4] top, left, height, width in input pixels.</param>
    /// <param name="rotate">[n] bool.</param>
    /// <param name="horizontalFlip">[n] bool.</param>
    /// <param name="verticalFlip">[n] bool.</param>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <returns>[n, 2, 3] float32 on the device of <paramref name="boxes"/>.</returns>
    public static Tensor Theta(Tensor boxes, Tensor rotate, Tensor horizontalFlip, Tensor verticalFlip, long height, long width)
    {
        using var scope = NewDisposeScope();
        var boxes64 = boxes.to(ScalarType.Float64);
        var (top, left, h, w) = (boxes64.select(1, 0), boxes64.select(1, 1), boxes64.select(1, 2), boxes64.select(1, 3));
        var scaleX = w.div(width);
        var scaleY = h.div(height);
        var centreX = left.mul(2).add_(w).div_(width).sub_(1);
        var centreY = top.mul(2).add_(h).div_(height).sub_(1);
        // Flips act last on the image, so first on the output coordinate: (x, y) -> (fx x, fy y).
        var fx = horizontalFlip.to(ScalarType.Float64).mul(-2).add_(1);
        var fy = verticalFlip.to(ScalarType.Float64).mul(-2).add_(1);
        // Counter-clockwise rotation, in sampling direction (y points down): (x, y) -> (-y, x).
        var r = rotate.to(ScalarType.Float64);
        var keep = r.neg().add_(1);
        var a00 = keep.mul(fx).mul_(scaleX);
        var a01 = r.mul(fy).neg_().mul_(scaleX);
        var a10 = r.mul(fx).mul_(scaleY);
        var a11 = keep.mul(fy).mul_(scaleY);
        var theta = stack([a00, a01, centreX, a10, a11, centreY], 1).view(-1, 2, 3);
        return theta.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Resamples <paramref name="images"/> [n, C, H, W] float with <paramref name="theta"/> [n, 2, 3] into [n, C, size, size].</summary>
    public static Tensor Sample(Tensor images, Tensor theta, long size)
    {
        using var scope = NewDisposeScope();
        var grid = affine_grid(theta, [images.shape[0], images.shape[1], size, size], align_corners: false);
        return grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false).MoveToOuterDisposeScope();
    }
}
