using System.Diagnostics;
using Pipeline.Tsne.Affinities;
using Pipeline.Tsne.Optimization;

namespace Pipeline.Bench.Tsne;

/// <summary>Times one exact gradient evaluation (fused repulsion over all pairs, attraction over a sparse P of 120 entries a row) on a random N-point embedding.</summary>
internal static class KernelBench
{
    /// <summary>Prints the median wall and CPU milliseconds per gradient for each (dims, dof).</summary>
    public static void Run(int n, int threads)
    {
        var random = new Random(3);
        // A sparse P shaped like t-SNE's (perplexity 30: 90 neighbours, about 120 per row after symmetrising).
        const int perRow = 120;
        var rowStart = Enumerable.Range(0, n + 1).Select(i => i * perRow).ToArray();
        var columns = new int[n * perRow];
        var values = new float[n * perRow];
        for (int i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, perRow).Select(_ => random.Next(n)).Distinct().Order().ToArray();
            Array.Fill(columns, row[^1], i * perRow, perRow);
            row.CopyTo(columns, i * perRow);
            Array.Fill(values, 1f / (n * perRow), i * perRow, perRow);
        }

        var p = new SparseAffinities(n, rowStart, columns, values);
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
