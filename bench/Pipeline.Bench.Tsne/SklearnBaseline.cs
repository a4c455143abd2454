using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Pipeline.Tsne;

namespace Pipeline.Bench.Tsne;

/// <summary>
/// Runs scikit-learn's Barnes-Hut t-SNE (bench/tsne_sklearn.py under Debian's /usr/bin/python3) on the same data and
/// prints its time and trustworthiness beside ours; sklearn's own trustworthiness of our embeddings cross-checks ours.
/// </summary>
internal static class SklearnBaseline
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs the baseline for each dimension we ran with dof = 1; skips with a message when sklearn is missing.</summary>
    public static void Run(ClusteredData data, BenchSettings settings, List<RunSummary> ours)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "tsne_sklearn.py");
        if (!File.Exists(Python) || !File.Exists(script) || Exec("-c \"import sklearn\"").ExitCode != 0)
        {
            Console.WriteLine($"scikit-learn: skipped ({Python} with sklearn or {script} not found)");
            return;
        }

        string folder = Directory.CreateTempSubdirectory("tsne-bench").FullName;
        string dataPath = Path.Combine(folder, "data.f32");
        File.WriteAllBytes(dataPath, MemoryMarshal.AsBytes(data.Values.AsSpan()).ToArray());
        foreach (var mine in ours.Where(r => r.Name.EndsWith("dof=1", StringComparison.Ordinal)))
        {
            int dims = mine.Embedding.Length / data.N;
            string minePath = Path.Combine(folder, $"ours{dims}.f32");
            File.WriteAllBytes(minePath, MemoryMarshal.AsBytes(mine.Embedding.AsSpan()).ToArray());
            string outPath = Path.Combine(folder, $"sklearn{dims}.f32");
            var (code, stdout, stderr) = Exec($"\"{script}\" \"{dataPath}\" {data.N} {data.D} {dims} 30 \"{outPath}\" \"{minePath}\" {dims}");
            if (code != 0)
            {
                Console.WriteLine($"scikit-learn {dims}-D failed (exit {code}): {stderr.Trim()}");
                continue;
            }

            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var root = json.RootElement;
            double seconds = root.GetProperty("seconds").GetDouble();
            var bytes = File.ReadAllBytes(outPath);
            float[] embedding = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            double trust = EmbeddingQuality.Trustworthiness(data.Values, data.N, data.D, embedding, dims, 10);
            double accuracy = EmbeddingQuality.KnnAccuracy(embedding, data.N, dims, data.Labels, 10);
            Console.WriteLine(
                $"sklearn {root.GetProperty("sklearn").GetString()} barnes_hut {dims}-D: {seconds:F2} s wall, " +
                $"{root.GetProperty("cpu_seconds").GetDouble():F2} s CPU; KL {root.GetProperty("kl").GetDouble():F4} (BH estimate); " +
                $"trustworthiness@10 {trust:F4} (sklearn's own metric: {root.GetProperty("trustworthiness").GetDouble():F4}); 10-NN accuracy {accuracy:F4}");
            Console.WriteLine(
                $"  ours {dims}-D vs sklearn: time ratio sklearn/ours = {seconds / mine.MedianSeconds:F1}x; trustworthiness {mine.Trustworthiness:F4} vs {trust:F4}; " +
                $"sklearn's metric on our embedding {root.GetProperty("check:" + minePath).GetDouble():F4} (ours says {mine.Trustworthiness:F4})");
        }

        Directory.Delete(folder, recursive: true);
    }

    private static (int ExitCode, string Stdout, string Stderr) Exec(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
