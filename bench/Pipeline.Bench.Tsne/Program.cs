using System.Diagnostics;
using Pipeline.Bench.Tsne;
using Pipeline.Tsne;

if (args is ["--kernel", ..])
{
    KernelBench.Run(8000, 1);
    KernelBench.Run(8000, Environment.ProcessorCount);
    return;
}

var settings = BenchSettings.Parse(args);
Console.WriteLine($"nproc (Environment.ProcessorCount) = {Environment.ProcessorCount}; load average at start: {LoadAverage()}");
Console.WriteLine($"data: {settings.N} x {settings.D} float32, 10 Gaussian clusters in a random 20-d subspace + noise (seed 1)");
var data = ClusteredData.Generate(settings.N, settings.D, clusters: 10, subspace: 20, seed: 1);
var timer = Stopwatch.StartNew();
double inputAccuracy = EmbeddingQuality.KnnAccuracy(data.Values, data.N, data.D, data.Labels, 10);
Console.WriteLine($"input space: 10-NN accuracy {inputAccuracy:F4} ({timer.Elapsed.TotalSeconds:F2} s)");

var results = new List<RunSummary>();
foreach (var (dims, dof, repeats) in settings.Configurations)
{
    var options = new TsneOptions { Components = dims, DegreesOfFreedom = dof, Iterations = settings.Iterations };
    results.Add(RunSummary.Measure(data, options, repeats));
    Console.WriteLine(results[^1]);
}

if (settings.Sklearn)
{
    SklearnBaseline.Run(data, settings, results);
}

Console.WriteLine($"load average at end: {LoadAverage()}");
Console.WriteLine($"peak resident memory of the t-SNE benchmark process: {PeakRssMb():F0} MiB");

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static double PeakRssMb()
{
    var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
    return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
