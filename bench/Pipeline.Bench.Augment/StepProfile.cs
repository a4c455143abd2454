using System.Diagnostics;
using Pipeline.Ml.Augment;
using static TorchSharp.torch;

namespace Pipeline.Bench.Augment;

/// <summary>Times each step of the augmentation alone on a whole batch (every sample gets the step), to show where the time goes.</summary>
internal static class StepProfile
{
    public static void Print(Tensor images, int size, int runs)
    {
        using var scope = NewDisposeScope();
        var n = images.shape[0];
        using var generator = new Generator(3);
        var boxes = RandomResizedCropSampler.Sample(n, images.shape[2], images.shape[3], 0.08, generator);
        var no = zeros(n, dtype: ScalarType.Bool);
        var theta = ViewGeometry.Theta(boxes, no, no, no, images.shape[2], images.shape[3]);
        var source = images.to(ScalarType.Float32);
        var view = ViewGeometry.Sample(source, theta, size).div_(255);
        var ones = full(n, 1.2f);
        var hue = full(n, 0.1f);
        var sigma = full(n, 1.0f);
        var taps = new SimClrAugmentOptions { InputSize = size }.BlurTaps;

        Report("uint8 -> float", runs, () => images.to(ScalarType.Float32));
        Report("crop+flip grid_sample", runs, () => ViewGeometry.Sample(source, theta, size));
        Report("brightness", runs, () => ColorJitter.AdjustBrightnessInPlace(view.clone(), ones));
        Report("contrast", runs, () => ColorJitter.AdjustContrastInPlace(view.clone(), ones));
        Report("saturation", runs, () => ColorJitter.AdjustSaturationInPlace(view.clone(), ones));
        Report("hue", runs, () => HsvColor.ShiftHue(view, hue));
        Report("clone (subtract from the above)", runs, () => view.clone());
        Report("grayscale", runs, () => Luma.ToGrayscale(view));
        Report($"blur ({taps} taps)", runs, () => GaussianBlur.Apply(view, sigma, taps));
        Report("normalize", runs, () => ImageNetNormalization.Apply(view));
        Report("index_select+index_copy_", runs, () =>
        {
            var index = arange(n);
            return view.clone().index_copy_(0, index, view.index_select(0, index));
        });
    }

    private static void Report(string name, int runs, Func<Tensor> step)
    {
        var times = new double[runs];
        for (var r = -1; r < runs; r++)
        {
            using var scope = NewDisposeScope();
            var watch = Stopwatch.StartNew();
            _ = step();
            if (r >= 0)
            {
                times[r] = watch.Elapsed.TotalMilliseconds;
            }
        }

        Array.Sort(times);
        Console.WriteLine($"    {name,-34} {times[runs / 2],7:F2} ms per batch (one view, every sample)");
    }
}
