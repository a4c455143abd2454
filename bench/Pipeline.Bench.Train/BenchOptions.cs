using System.Globalization;

namespace Pipeline.Bench.Train;

/// <summary>Command-line settings: <c>--runs 3 --batch 128 --threads 0 --epoch-steps 4 --rss-epochs 0</c>; <c>--backbones</c> compares grayscale encoder variants' steps (Fashion-MNIST) and stops.</summary>
internal sealed record BenchOptions(int Runs, int Batch, int Threads, int EpochSteps, int RssEpochs, bool SkipPyTorch, bool Backbones = false)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(Runs: 3, Batch: 128, Threads: 0, EpochSteps: 4, RssEpochs: 0, SkipPyTorch: false);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--runs" => options with { Runs = Next() },
                "--batch" => options with { Batch = Next() },
                "--threads" => options with { Threads = Next() },
                "--epoch-steps" => options with { EpochSteps = Next() },
                "--rss-epochs" => options with { RssEpochs = Next() },
                "--no-pytorch" => options with { SkipPyTorch = true },
                "--backbones" => options with { Backbones = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'; use --runs N --batch N --threads N --epoch-steps N --rss-epochs N --no-pytorch --backbones"),
            };
        }
        return options;
    }
}
