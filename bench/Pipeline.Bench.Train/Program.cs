using System.Globalization;
using Pipeline.Bench.Train;
using Pipeline.Ml.Native;
using TorchSharp;

// SimCLR training throughput on this machine. Prints numbers only; nothing here asserts on time.
//   dotnet run -c Release --project bench/Pipeline.Bench.Train -- --runs 3 --batch 128 --epoch-steps 4
var options = BenchOptions.Parse(args);
TorchRuntime.Configure(seed: 1, options.Threads);
var threads = torch.get_num_threads();
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"cores: {Environment.ProcessorCount}, torch threads: {threads}, runs: {options.Runs} (median), batch: {options.Batch}");

if (options.Backbones)
{
    // 1-channel encoders at Fashion-MNIST sizes: the ratio to ResNet-18 at 32 px carries over to other machines.
    (string Name, int Size, Pipeline.Ml.Backbones.ResNet18BackboneOptions Backbone)[] variants =
    [
        ("resnet18, ImageNet stem", 32, new(1)),
        ("resnet18, ImageNet stem", 28, new(1)),
        ("width 32, ImageNet stem, no max-pool", 28, new(1, Width: 32, MaxPool: false)),
        ("width 32, 1 block, ImageNet stem, no max-pool", 28, new(1, Width: 32, BlocksPerStage: 1, MaxPool: false)),
        ("width 16, ImageNet stem, no max-pool", 28, new(1, Width: 16, MaxPool: false)),
        ("width 24, ImageNet stem, no max-pool", 28, new(1, Width: 24, MaxPool: false)),
        ("width 16, small stem", 28, new(1, SmallImageStem: true, Width: 16)),
        ("width 16, small stem + max-pool", 28, new(1, SmallImageStem: true, Width: 16, MaxPool: true)),
        ("width 32, small stem + max-pool", 28, new(1, SmallImageStem: true, Width: 32, MaxPool: true)),
        ("width 32, 1 block, small stem + max-pool", 28, new(1, SmallImageStem: true, Width: 32, BlocksPerStage: 1, MaxPool: true)),
    ];
    foreach (var (name, size, backbone) in variants)
    {
        var rate = TrainStepBench.ImagesPerSecond(options.Batch, size, backbone, options.Runs);
        Console.WriteLine($"train step, {size} px, 1 channel, {name,-44} {rate,8:F1} images/s");
    }
    return;
}

var step96 = TrainStepBench.ImagesPerSecond(options.Batch, 96, smallStem: false, options.Runs);
Console.WriteLine($"train step, 96 px, ImageNet stem:  {step96,8:F1} images/s");
var step32 = TrainStepBench.ImagesPerSecond(options.Batch, 32, smallStem: false, options.Runs);
Console.WriteLine($"train step, 32 px, ImageNet stem:  {step32,8:F1} images/s");

EpochBench.Result? epoch = null;
if (options.EpochSteps > 0)
{
    epoch = await EpochBench.RunAsync(options.Batch, options.EpochSteps, epochs: 1, size: 96, smallStem: false, options.Threads);
    Console.WriteLine($"simclr-pretrain epoch, 96 px ({options.EpochSteps} steps, reading + augmenting + training):");
    Console.WriteLine($"  median step {epoch.MedianStepImagesPerSecond,8:F1} images/s = {epoch.MedianStepImagesPerSecond / step96:P1} of the bare step (goal: within 5%)");
    Console.WriteLine($"  whole epoch {epoch.EpochImagesPerSecond,8:F1} images/s (includes the first step's warm-up)");
}

if (options.RssEpochs > 0)
{
    var rss = await EpochBench.RunAsync(batch: 16, steps: 4, epochs: options.RssEpochs, size: 32, smallStem: false, options.Threads);
    Console.WriteLine($"RSS per epoch (32 px, batch 16, 4 steps/epoch): {string.Join(", ", rss.RssMegabytes.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} MiB; last/first {rss.RssMegabytes[^1] / rss.RssMegabytes[0]:P1}");
}

Console.WriteLine($"peak resident memory of the training benchmark process (96 px, batch 128): {ProcessPeak():F0} MiB");

if (options.SkipPyTorch)
{
    Console.WriteLine("PyTorch: skipped (--no-pytorch)");
}
else if (PyTorchBench.Available(out var version))
{
    // The same median-of-runs step on the same shapes; the ratio is ours over theirs (above 1: we are faster).
    void Compare(string what, double ours, double? theirs) => Console.WriteLine(theirs is { } value
        ? $"PyTorch {version} {what,-34} {value,8:F1} images/s; TorchSharp/PyTorch = {ours / value:F2}"
        : $"PyTorch {version} {what}: the benchmark script failed");
    Compare("train step, 96 px:", step96, PyTorchBench.ImagesPerSecond(options.Batch, 96, options.Runs, threads));
    Compare("train step, 32 px:", step32, PyTorchBench.ImagesPerSecond(options.Batch, 32, options.Runs, threads));
    if (epoch is not null)
    {
        Compare("epoch, 96 px, DataLoader(2 workers):", epoch.MedianStepImagesPerSecond,
            PyTorchBench.EpochStepImagesPerSecond(options.Batch, 96, options.EpochSteps, threads));
    }
}
else
{
    Console.WriteLine("PyTorch: not installed here (python3 -c 'import torch' fails); no comparison");
}

static double ProcessPeak()
{
    foreach (var line in File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status") : [])
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
    }
    return 0;
}
