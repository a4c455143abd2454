using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Pipeline.Bench;

/// <summary>
/// Times the real orchestrator (a built Pipeline.Orchestrator.dll) as a user runs it: the smoke pipeline fully
/// cached (wall seconds of the whole process), and the evaluation stages of bench/pipelines/eval.yaml on
/// Fashion-MNIST, read back from the run ledger.
/// </summary>
public static class PipelineTimings
{
    public static async Task RunAsync(string orchestratorDll, string repoRoot, int runs, Action<string, double, string> row)
    {
        var work = Directory.CreateTempSubdirectory("pipeline-bench-runs-").FullName;
        try
        {
            var artifacts = Path.Combine(work, "artifacts");
            var smoke = Path.Combine(repoRoot, "pipelines", "smoke.yaml");
            var cold = await TimeAsync(orchestratorDll, work, smoke, artifacts);
            row("smoke pipeline, cold cache (7 stages)", cold, "s");
            var cached = new List<double>();
            for (var i = 0; i < Math.Max(3, runs); i++)
            {
                cached.Add(await TimeAsync(orchestratorDll, work, smoke, artifacts));
            }

            cached.Sort();
            row("smoke pipeline, fully cached: orchestrator wall", cached[cached.Count / 2], "s");

            if (!Directory.Exists("/usr/share/datasets/fashion-mnist"))
            {
                Console.WriteLine("Fashion-MNIST not installed (scripts/install-fashion-mnist.sh): no embed / linear-eval figures");
                return;
            }

            var eval = Path.Combine(repoRoot, "bench", "pipelines", "eval.yaml");
            await TimeAsync(orchestratorDll, work, eval, artifacts);
            var ledger = Directory.GetFiles(Path.Combine(artifacts, "runs"), "run.json", SearchOption.AllDirectories)
                .Select(f => JsonDocument.Parse(File.ReadAllText(f)))
                .Last(d => d.RootElement.GetProperty("pipeline").GetString() == "bench-eval");
            var stages = ledger.RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            var embedSeconds = stages["embed"].GetProperty("duration_seconds").GetDouble();
            var rows = stages["embed"].GetProperty("summary").TryGetProperty("rows", out var r) ? r.GetDouble() : 12_000;
            var embedRate = rows / embedSeconds;
            var linearSeconds = stages["linear_eval"].GetProperty("duration_seconds").GetDouble();
            row("embed (Fashion-MNIST at 32 px, 12,000 images)", embedRate, "images/s");
            row("linear-eval (10,000 train + 2,000 test, 100 epochs)", linearSeconds, "s");
            ComparePyTorch(embedRate, linearSeconds, row);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The same evaluation work in PyTorch (<c>pytorch_eval.py</c>), when python3 has torch and torchvision.</summary>
    private static void ComparePyTorch(double embedRate, double linearSeconds, Action<string, double, string> row)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_eval.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "/usr/share/datasets/fashion-mnist", "0" })
        {
            start.ArgumentList.Add(a);
        }

        string stdout;
        string stderr;
        int exitCode;
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            stderr = error.Result;
            exitCode = process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("python3 not found: no PyTorch comparison for embed / linear-eval");
            return;
        }

        var figures = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2 && double.TryParse(parts[1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
        if (exitCode != 0 || !figures.TryGetValue("embed", out var theirEmbed) || !figures.TryGetValue("linear_eval", out var theirLinear))
        {
            var why = stderr.Contains("No module named", StringComparison.Ordinal) ? "python3 has no torch/torchvision" : $"the script exited {exitCode.ToString(CultureInfo.InvariantCulture)}";
            Console.WriteLine($"PyTorch comparison for embed / linear-eval: not run ({why})");
            return;
        }

        row("  PyTorch embed, same images and encoder shape", theirEmbed, "images/s");
        row("  ours / PyTorch (embed images/s)", embedRate / theirEmbed, "x");
        row("  PyTorch linear-eval, same work", theirLinear, "s");
        row("  PyTorch / ours (linear-eval seconds)", theirLinear / linearSeconds, "x");
    }

    private static async Task<double> TimeAsync(string dll, string work, string pipeline, string artifacts)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, pipeline, "--artifacts", artifacts, "--no-tracking", "-q" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["CI"] = "true";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(pipeline)} exited {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{await stdout}\n{await stderr}");
        }

        return seconds;
    }
}
