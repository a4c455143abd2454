using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Ml.Backbones;

/// <summary>
/// A convolution whose output is a single position (1x1) is a matrix product: the output sees one window of the
/// input, and the kernel taps that fall on padding multiply zeros. ResNet-18's last stage at 32 px (layer4 on
/// a 2x2 then 1x1 map, with the ImageNet stem) is such a case, and there oneDNN's CPU backward-weights kernel
/// for a 3x3 convolution on a 1x1 map falls back to an im2col GEMM that took about 86 ms of a 32 px training
/// pass on an AVX2-only machine (each of the three 512x512 convolutions; <c>ONEDNN_VERBOSE=1</c>); as products
/// the 32 px step went from 64 to about 155 images/s there (docs/torchsharp.md). Same values up to float
/// rounding, same gradients (zero for the taps that only see padding), same parameters: only the kernel that
/// computes them differs.
/// </summary>
public static class SinglePositionConvolution
{
    /// <summary>
    /// <paramref name="conv"/> applied to <paramref name="input"/> [N, C, H, W]: as one matrix product when the
    /// output is 1x1 (no bias, no groups, no dilation), otherwise through the convolution module itself.
    /// </summary>
    public static Tensor Apply(Conv2d conv, Tensor input)
    {
        var window = Window(conv, input);
        if (window is not { } w)
        {
            return conv.call(input);
        }
        var n = input.shape[0];
        var weight = conv.weight!;
        var outChannels = weight.shape[0];
        using var scope = NewDisposeScope();
        var patch = input.narrow(2, w.Row, w.Rows).narrow(3, w.Col, w.Cols).reshape(n, -1);
        var taps = weight.narrow(2, w.Row + w.PadTop, w.Rows).narrow(3, w.Col + w.PadLeft, w.Cols).reshape(outChannels, -1);
        return nn.functional.linear(patch, taps).view(n, outChannels, 1, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Whether <see cref="Apply"/> computes <paramref name="conv"/> on an input of this shape as one matrix product.</summary>
    public static bool IsSinglePosition(Conv2d conv, long[] inputShape) => Window(conv, inputShape) is not null;

    private readonly record struct InputWindow(long Row, long Rows, long Col, long Cols, long PadTop, long PadLeft);

    private static InputWindow? Window(Conv2d conv, Tensor input) => input.dim() == 4 ? Window(conv, input.shape) : null;

    private static InputWindow? Window(Conv2d conv, long[] shape)
    {
        if (shape.Length != 4 || conv.bias is not null || conv.groups != 1 || conv.weight is null)
        {
            return null;
        }
        var kernel = conv.weight.shape;
        if (conv.dilation.Any(d => d != 1) || conv.padding_mode != PaddingModes.Zeros || conv.padding is null)
        {
            return null;
        }
        var (padTop, padLeft) = (conv.padding[0], conv.padding[1]);
        var (strideH, strideW) = (conv.stride[0], conv.stride[1]);
        var (height, width) = (shape[2], shape[3]);
        var outHeight = ((height + (2 * padTop) - kernel[2]) / strideH) + 1;
        var outWidth = ((width + (2 * padLeft) - kernel[3]) / strideW) + 1;
        if (outHeight != 1 || outWidth != 1)
        {
            return null;
        }
        // The one output position covers input rows -padTop .. kernel-1-padTop; only those inside the image count.
        var row = Math.Max(0, -padTop);
        var rowEnd = Math.Min(height, kernel[2] - padTop);
        var col = Math.Max(0, -padLeft);
        var colEnd = Math.Min(width, kernel[3] - padLeft);
        if (rowEnd <= row || colEnd <= col)
        {
            return null;
        }
        return new InputWindow(row, rowEnd - row, col, colEnd - col, padTop, padLeft);
    }
}
