namespace Pipeline.Bench.Augment;

/// <summary>Command-line settings of the benchmark.</summary>
internal sealed record BenchSettings(int Runs, int Batches, int BatchSize, int Threads, bool Profile)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(Runs: 7, Batches: 4, BatchSize: 128, Threads: 0, Profile: false);
        for (var i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--runs" => settings with { Runs = int.Parse(args[++i]) },
                "--batches" => settings with { Batches = int.Parse(args[++i]) },
                "--batch-size" => settings with { BatchSize = int.Parse(args[++i]) },
                "--threads" => settings with { Threads = int.Parse(args[++i]) },
                "--profile" => settings with { Profile = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'; known: --runs N --batches N --batch-size N --threads N --profile"),
            };
        }

        return settings;
    }
}
