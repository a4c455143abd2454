using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Ml.Training;

/// <summary>
/// The memory layout convolution inputs are handed to the network in. On the CPU, libtorch's oneDNN convolutions
/// run faster on channels-last (NHWC) tensors, and a channels-last input keeps every activation of the ResNet in
/// that layout through forward and backward: the SimCLR step at 96 px went from about 38 to 47 images/s on
/// 2 cores (bench/Pipeline.Bench.Train). The values are unchanged; only the strides differ. On other devices
/// the input is returned as it is.
/// </summary>
public static class ConvLayout
{
    /// <summary>
    /// <paramref name="images"/> [N, C, H, W] with channels-last strides on the CPU (a new tensor in the current
    /// dispose scope, or <paramref name="images"/> itself when it already is, is not 4-D, or is not on the CPU).
    /// </summary>
    public static Tensor ForConvolution(Tensor images)
    {
        if (images.device_type != DeviceType.CPU || images.dim() != 4 || IsChannelsLast(images))
        {
            return images;
        }
        // NCHW -> NHWC in memory, viewed back as NCHW: TorchSharp 0.107 has no contiguous(memory_format).
        return images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    /// <summary>Whether <paramref name="images"/> [N, C, H, W] is laid out channels-last (C the fastest dimension; with one channel, any contiguous tensor).</summary>
    public static bool IsChannelsLast(Tensor images)
    {
        if (images.dim() != 4)
        {
            return false;
        }
        var shape = images.shape;
        if (shape[1] == 1)
        {
            // One channel: NCHW and NHWC are the same bytes, and libtorch ignores the stride of a size-1 dimension.
            return images.is_contiguous();
        }
        var strides = images.stride();
        return strides[1] == 1 && strides[3] == shape[1] && strides[2] == shape[1] * shape[3] && strides[0] == shape[1] * shape[2] * shape[3];
    }
}
