using Pipeline.Ml.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Ml.Augment;

/// <summary>
/// One SimCLR view of every image of a batch (Chen et al. 2020, appendix A; lightly 1.2.28's
/// <c>SimCLRCollateFunction</c>), each sample with its own randomness: RandomResizedCrop, 90-degree rotation,
/// horizontal and vertical flips (one affine resampling), colour jitter in a random order per sample (as
/// torchvision's <c>ColorJitter</c>), grayscale, Gaussian blur, ImageNet normalisation. Every random number comes
/// from the caller's generator, so the same generator state gives the same views. Call it twice for two views.
/// On the CPU the colour steps run per sample in one fused pass; elsewhere (and with <c>cpuKernels: false</c>) as
/// batched tensor operations on groups of samples.
/// </summary>
public sealed class SimClrTransform : IDisposable
{
    private const int BrightnessStep = ColorPlan.BrightnessStep;
    private const int ContrastStep = ColorPlan.ContrastStep;
    private const int SaturationStep = ColorPlan.SaturationStep;
    private const int HueStep = ColorPlan.HueStep;

    private readonly Device? _device;
    private readonly bool _cpuKernels;

    /// <summary>Creates the transform.</summary>
    /// <param name="options">The augmentation knobs; invalid options throw with every problem listed.</param>
    /// <param name="channels">Channels of the images: 3 (RGB) or 1 (grey: colour jitter is brightness and contrast only, grayscale does nothing).</param>
    /// <param name="device">Where the work and the output live; null keeps each batch on its own device.</param>
    /// <param name="cpuKernels">
    /// On the CPU, run the colour steps per sample in one fused pass (<see cref="CpuAugmentKernels"/>); false runs
    /// the tensor operations a GPU runs, which give the same views to within float rounding (the tests compare them).
    /// </param>
    public SimClrTransform(SimClrAugmentOptions options, int channels, Device? device = null, bool cpuKernels = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SimCLR augmentation options: " + string.Join(" ", errors), nameof(options));
        }

        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "SimCLR augmentation supports 1 (grey) or 3 (RGB) channels.");
        }

        TorchNative.EnsureLoaded();
        Options = options;
        Channels = channels;
        _device = device;
        _cpuKernels = cpuKernels;
    }

    /// <summary>The augmentation knobs.</summary>
    public SimClrAugmentOptions Options { get; }

    /// <summary>Channels of the images this transform accepts.</summary>
    public int Channels { get; }

    /// <summary>Augments every image of <paramref name="images"/> once.</summary>
    /// <param name="images">[N, C, H, W] uint8 (0..255) or float (0..1), on any device; not modified.</param>
    /// <param name="generator">The only source of randomness (it may live on the CPU or on the images' device).</param>
    /// <returns>A new float32 tensor [N, C, InputSize, InputSize], normalised when <see cref="SimClrAugmentOptions.Normalize"/>.</returns>
    public Tensor Forward(Tensor images, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(generator);
        if (images.dim() != 4 || images.shape[1] != Channels)
        {
            throw new ArgumentException($"Expected images [N, {Channels}, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (n, height, width) = (images.shape[0], images.shape[2], images.shape[3]);
        var device = _device ?? images.device;
        var draws = AugmentDraws.Sample(n, generator);
        var hostDraws = draws.device_type == DeviceType.CPU ? draws : draws.cpu();
        var u = hostDraws.data<double>().ToArray();

        var boxes = RandomResizedCropSampler.Boxes(draws, height, width, Options.MinScale);
        var theta = ViewGeometry.Theta(
            boxes,
            draws.select(1, AugmentDraws.Rotate).lt(Options.RrProb),
            draws.select(1, AugmentDraws.HorizontalFlip).lt(Options.HfProb),
            draws.select(1, AugmentDraws.VerticalFlip).lt(Options.VfProb),
            height,
            width);
        var source = images.device == device ? images : images.to(device);
        var isBytes = source.dtype == ScalarType.Byte;
        if (source.dtype != ScalarType.Float32)
        {
            source = source.to(ScalarType.Float32);
        }

        var views = ViewGeometry.Sample(source, theta.device == device ? theta : theta.to(device), Options.InputSize);
        if (isBytes)
        {
            views.mul_(1.0 / 255.0);
        }

        if (_cpuKernels && CpuAugmentKernels.Applies(views))
        {
            ApplyColorPerSample(views, u, n);
        }
        else
        {
            ApplyColorJitter(views, u, n);
            ApplyGrayscale(views, u, n);
            views = ApplyBlur(views, u, n);
        }

        var result = Options.Normalize ? ImageNetNormalization.Apply(views) : views;
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The transform holds no native state; constants are built per batch on the batch's device.
    }

    private static long[] Where(double[] u, long n, int column, double probability)
    {
        var selected = new List<long>();
        for (var i = 0L; i < n; i++)
        {
            if (u[(i * AugmentDraws.Columns) + column] < probability)
            {
                selected.Add(i);
            }
        }

        return [.. selected];
    }

    // The CPU path: every sample's jitter (in its own order), grayscale and blur in one fused pass, in place.
    private void ApplyColorPerSample(Tensor views, double[] u, long n)
    {
        var (enabled, strength, hue) = JitterSteps();
        var jitter = enabled.Count == 0 ? [] : Where(u, n, AugmentDraws.Jitter, Options.CjProb).ToHashSet();
        var gray = Channels == 3 ? Where(u, n, AugmentDraws.Gray, Options.RandomGrayScale).ToHashSet() : [];
        var blurred = Where(u, n, AugmentDraws.Blur, Options.GaussianBlur);
        var kernels = new Dictionary<long, float[]>();
        if (blurred.Length > 0)
        {
            using var sigma = FactorTensor(blurred, u, AugmentDraws.Sigma, Options.SigmaMin, Options.SigmaMax, CPU);
            using var bank = GaussianBlur.Kernels(sigma, Options.BlurTaps);
            var flat = bank.data<float>().ToArray();
            for (var k = 0; k < blurred.Length; k++)
            {
                kernels[blurred[k]] = flat.AsSpan(k * Options.BlurTaps, Options.BlurTaps).ToArray();
            }
        }

        if (jitter.Count == 0 && gray.Count == 0 && kernels.Count == 0)
        {
            return;
        }

        var (low, high) = ((float)Math.Max(0, 1 - strength), (float)(1 + strength));
        var plans = new ColorPlan[n];
        for (var i = 0L; i < n; i++)
        {
            var steps = jitter.Contains(i) ? JitterOrder(enabled, u, i) : [];
            plans[i] = new ColorPlan(
                steps,
                Factor(u, i, AugmentDraws.Brightness, low, high),
                Factor(u, i, AugmentDraws.Contrast, low, high),
                Factor(u, i, AugmentDraws.Saturation, low, high),
                Factor(u, i, AugmentDraws.Hue, -hue, hue),
                gray.Contains(i),
                kernels.GetValueOrDefault(i));
        }

        CpuAugmentKernels.ApplyColor(views, plans);
    }

    // torchvision: brightness, contrast, saturation in [max(0, 1 - 0.8 s), 1 + 0.8 s], hue in [-0.2 s, 0.2 s];
    // a zero range switches that step off. Grey images have no saturation or hue.
    private (List<int> Enabled, double Strength, double Hue) JitterSteps()
    {
        var strength = 0.8 * Options.CjStrength;
        var hue = 0.2 * Options.CjStrength;
        var enabled = new List<int>();
        if (strength > 0)
        {
            enabled.AddRange([BrightnessStep, ContrastStep]);
            if (Channels == 3)
            {
                enabled.Add(SaturationStep);
            }
        }

        if (hue > 0 && Channels == 3)
        {
            enabled.Add(HueStep);
        }

        return (enabled, strength, hue);
    }

    // Each sample runs the enabled steps in the order of its four sort keys (torchvision's randperm, per sample).
    private static int[] JitterOrder(List<int> enabled, double[] u, long i) =>
        enabled.OrderBy(step => u[(i * AugmentDraws.Columns) + AugmentDraws.JitterOrder + step]).ToArray();

    private void ApplyColorJitter(Tensor views, double[] u, long n)
    {
        var (enabled, strength, hue) = JitterSteps();
        var selected = Where(u, n, AugmentDraws.Jitter, Options.CjProb);
        if (enabled.Count == 0 || selected.Length == 0)
        {
            return;
        }

        // Samples are grouped by their jitter order so each group is one contiguous slice processed in place.
        var orders = selected.ToDictionary(i => i, i => JitterOrder(enabled, u, i));
        var sorted = selected.OrderBy(i => OrderCode(orders[i])).ThenBy(i => i).ToArray();
        var device = views.device;
        using var index = tensor(sorted, device: device);
        using var subset = views.index_select(0, index);
        using var brightness = FactorTensor(sorted, u, AugmentDraws.Brightness, Math.Max(0, 1 - strength), 1 + strength, device);
        using var contrast = FactorTensor(sorted, u, AugmentDraws.Contrast, Math.Max(0, 1 - strength), 1 + strength, device);
        using var saturation = FactorTensor(sorted, u, AugmentDraws.Saturation, Math.Max(0, 1 - strength), 1 + strength, device);
        using var hueShift = FactorTensor(sorted, u, AugmentDraws.Hue, -hue, hue, device);
        var start = 0;
        while (start < sorted.Length)
        {
            var order = orders[sorted[start]];
            var end = start + 1;
            while (end < sorted.Length && OrderCode(orders[sorted[end]]) == OrderCode(order))
            {
                end++;
            }

            using var groupScope = NewDisposeScope();
            var slice = subset.narrow(0, start, end - start);
            foreach (var step in order)
            {
                var factors = step switch
                {
                    BrightnessStep => brightness,
                    ContrastStep => contrast,
                    SaturationStep => saturation,
                    _ => hueShift,
                };
                var groupFactors = factors.narrow(0, start, end - start);
                _ = step switch
                {
                    BrightnessStep => ColorJitter.AdjustBrightnessInPlace(slice, groupFactors),
                    ContrastStep => ColorJitter.AdjustContrastInPlace(slice, groupFactors),
                    SaturationStep => ColorJitter.AdjustSaturationInPlace(slice, groupFactors),
                    _ => ShiftHueWithTensorOps(slice, groupFactors),
                };
            }

            start = end;
        }

        views.index_copy_(0, index, subset);
    }

    private void ApplyGrayscale(Tensor views, double[] u, long n)
    {
        if (Channels != 3)
        {
            return;
        }

        var selected = Where(u, n, AugmentDraws.Gray, Options.RandomGrayScale);
        if (selected.Length == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        var index = tensor(selected, device: views.device);
        views.index_copy_(0, index, Luma.ToGrayscale(views.index_select(0, index)));
    }

    private Tensor ApplyBlur(Tensor views, double[] u, long n)
    {
        var selected = Where(u, n, AugmentDraws.Blur, Options.GaussianBlur);
        if (selected.Length == 0)
        {
            return views;
        }

        using var scope = NewDisposeScope();
        var index = tensor(selected, device: views.device);
        var sigma = FactorTensor(selected, u, AugmentDraws.Sigma, Options.SigmaMin, Options.SigmaMax, views.device);
        views.index_copy_(0, index, GaussianBlur.ApplyWithTensorOps(views.index_select(0, index), sigma, Options.BlurTaps));
        return views;
    }

    private static Tensor ShiftHueWithTensorOps(Tensor slice, Tensor factors)
    {
        HsvColor.ShiftHueWithTensorOps(slice, factors, slice);
        return slice;
    }

    private static float Factor(double[] u, long sample, int column, double low, double high) =>
        (float)(low + ((high - low) * u[(sample * AugmentDraws.Columns) + column]));

    private static Tensor FactorTensor(long[] samples, double[] u, int column, double low, double high, Device device)
    {
        var values = new float[samples.Length];
        for (var k = 0; k < samples.Length; k++)
        {
            values[k] = Factor(u, samples[k], column, low, high);
        }

        return tensor(values, device: device);
    }

    private static int OrderCode(int[] order)
    {
        var code = 0;
        foreach (var step in order)
        {
            code = (code * 4) + step;
        }

        return code;
    }
}
