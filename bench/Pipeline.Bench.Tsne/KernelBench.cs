using System.Diagnostics;
using Pipeline.Tsne.Affinities;
using Pipeline.Tsne.Optimization;

namespace Pipeline.Bench.Tsne;

/// <summary>Times one exact gradient evaluation (the fused repulsion dominates) on a random N-point embedding.</summary>
internal static class KernelBench
{
    /// <summary>Prints the median wall and CPU milliseconds per gradient for each (dims, dof).</summary>
    public static void Run(int n, int threads)
    {
        var random = new Random(3);
        var p = new SparseAffinities(n, new int[n + 1], [], []);
        foreach (var (dims, dof) in new[] { (3, 1.0), (2, 1.0), (3, 2.0) })
        {
            var rowMajor = new float[n * dims];
            for (int e = 0; e < rowMajor.Length; e++)
            {
                rowMajor[e] = (float)(random.NextDouble() * 40 - 20);
            }

            var y = SoaEmbedding.FromRowMajor(rowMajor, n, dims);
            var gradient = new TsneGradient(p, dims, dof, threads);
            var g = TsneGradient.NewColumns(dims, n);
            var wall = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            for (int r = 0; r < 60; r++)
            {
                process.Refresh();
                var c0 = process.TotalProcessorTime;
                var t = Stopwatch.StartNew();
                gradient.Compute(y, 1, g, CancellationToken.None);
                wall.Add(t.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - c0).TotalMilliseconds);
            }

            Console.WriteLine($"gradient N={n} dims={dims} dof={dof} threads={threads}: median {RunSummary.Median([.. wall]):F2} ms wall, " +
                $"{RunSummary.Median([.. cpu]):F2} ms CPU, min {wall.Min():F2} ms wall");
        }
    }
}
