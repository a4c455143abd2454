using System.Diagnostics;
using Pipeline.Tsne;

namespace Pipeline.Bench.Tsne;

/// <summary>Median wall and CPU time of repeated runs of one configuration, with the quality of the last run.</summary>
internal sealed record RunSummary(
    string Name, int Repeats, double MedianSeconds, double MedianCpuSeconds, double[] AllSeconds,
    double Kl, double Trustworthiness, double KnnAccuracy, float[] Embedding, double QualitySeconds)
{
    /// <summary>Runs t-SNE <paramref name="repeats"/> times and measures the last embedding.</summary>
    public static RunSummary Measure(ClusteredData data, TsneOptions options, int repeats)
    {
        var seconds = new double[repeats];
        var cpu = new double[repeats];
        TsneResult? result = null;
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeats; r++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            var clock = new StageClock();
            result = Pipeline.Tsne.Tsne.Run(data.Values, data.N, data.D, options, clock);
            Console.WriteLine($"  run {r + 1}: {clock}");
            seconds[r] = timer.Elapsed.TotalSeconds;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        }

        var quality = Stopwatch.StartNew();
        double trust = EmbeddingQuality.Trustworthiness(data.Values, data.N, data.D, result!.Embedding, options.Components, 10);
        double accuracy = EmbeddingQuality.KnnAccuracy(result.Embedding, data.N, options.Components, data.Labels, 10);
        string name = $"ours {options.Components}-D dof={options.DegreesOfFreedom}";
        return new RunSummary(name, repeats, Median(seconds), Median(cpu), seconds, result.KlDivergence, trust, accuracy,
            result.Embedding, quality.Elapsed.TotalSeconds);
    }

    /// <summary>Median of a small sample.</summary>
    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: median {MedianSeconds:F2} s wall, {MedianCpuSeconds:F2} s CPU over {Repeats} run(s) " +
        $"[{string.Join(", ", AllSeconds.Select(s => s.ToString("F2")))}]; KL {Kl:F4}; trustworthiness@10 {Trustworthiness:F4}; " +
        $"10-NN accuracy {KnnAccuracy:F4} (quality measured in {QualitySeconds:F1} s)";
}
