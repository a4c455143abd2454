using System.Diagnostics;

namespace Pipeline.Bench.Augment;

/// <summary>Runs torchvision's per-image SimCLR transforms in a 2-worker DataLoader, when python3 has torch and torchvision.</summary>
internal static class TorchvisionBaseline
{
    public static void Run(BenchSettings settings)
    {
        if (!Succeeds("python3", "-c \"import torch, torchvision\"", out _))
        {
            Console.WriteLine("torchvision baseline: not run, python3 with torch and torchvision is not installed");
            return;
        }

        var script = Path.Combine(AppContext.BaseDirectory, "torchvision_baseline.py");
        Succeeds("python3", $"\"{script}\" --runs {settings.Runs} --batches {settings.Batches} --batch-size {settings.BatchSize}", out var output);
        Console.Write(output);
    }

    private static bool Succeeds(string file, string arguments, out string output)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            output = stdout.Result + stderr.Result;
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            output = ex.Message;
            return false;
        }
    }
}
