using System.Diagnostics;
using Pipeline.Bench.Augment;
using Pipeline.Ml.Augment;
using Pipeline.Ml.Native;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project bench/Pipeline.Bench.Augment [-- --runs 7 --batches 4 --threads 0 --profile]
var settings = BenchSettings.Parse(args);
TorchRuntime.Configure(seed: 1, threads: settings.Threads);
Console.WriteLine($"cores: {Environment.ProcessorCount}, torch threads: {get_num_threads()}, OpenMP wait policy: {Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? TorchNative.OpenMpWaitPolicy + " (set by TorchNative)"}, runs: {settings.Runs} (median), batches per run: {settings.Batches}, batch: {settings.BatchSize}, views per image: 2");

foreach (var (size, cpuKernels) in new[] { (96, true), (96, false), (32, true), (32, false) })
{
    using var images = randint(0, 256, [settings.BatchSize, 3, size, size], dtype: ScalarType.Byte, generator: new Generator(7));
    using var transform = new SimClrTransform(new SimClrAugmentOptions { InputSize = size }, channels: 3, cpuKernels: cpuKernels);
    using var generator = new Generator(42);
    var seconds = Median(settings.Runs, () =>
    {
        for (var b = 0; b < settings.Batches; b++)
        {
            using var scope = NewDisposeScope();
            _ = transform.Forward(images, generator);
            _ = transform.Forward(images, generator);
        }
    });
    var imagesPerSecond = settings.Batches * settings.BatchSize / seconds;
    var path = cpuKernels ? "fused CPU colour pass" : "batched tensor ops (the GPU path)";
    Console.WriteLine($"Pipeline.Ml.Augment {size,3} px: {imagesPerSecond,8:F0} images/s ({2 * imagesPerSecond:F0} views/s), {1000 * seconds / settings.Batches:F1} ms per batch of {settings.BatchSize} x 2 views; {path}");
    if (settings.Profile && cpuKernels)
    {
        StepProfile.Print(images, size, settings.Runs);
    }
}

TorchvisionBaseline.Run(settings);

static double Median(int runs, Action work)
{
    work(); // warm-up: first-call allocations and thread-pool start
    var times = new double[runs];
    for (var r = 0; r < runs; r++)
    {
        var watch = Stopwatch.StartNew();
        work();
        times[r] = watch.Elapsed.TotalSeconds;
    }

    Array.Sort(times);
    return times[runs / 2];
}
