namespace Pipeline.Bench.Tsne;

/// <summary>Command line of the benchmark: --n, --d, --iterations, --repeats, --quick (3-D only), --sklearn.</summary>
internal sealed record BenchSettings(int N, int D, int Iterations, int Repeats, bool Quick, bool Sklearn)
{
    /// <summary>(components, degrees of freedom, repeats) to run.</summary>
    public IEnumerable<(int Dims, double Dof, int Repeats)> Configurations => Quick
        ? [(3, 1, Repeats)]
        : [(3, 1, Repeats), (2, 1, Repeats), (3, 2, 1)];

    /// <summary>Parses the arguments; unknown ones are an error.</summary>
    public static BenchSettings Parse(string[] args)
    {
        var s = new BenchSettings(8000, 512, 750, 3, false, false);
        for (int a = 0; a < args.Length; a++)
        {
            s = args[a] switch
            {
                "--n" => s with { N = int.Parse(args[++a]) },
                "--d" => s with { D = int.Parse(args[++a]) },
                "--iterations" => s with { Iterations = int.Parse(args[++a]) },
                "--repeats" => s with { Repeats = int.Parse(args[++a]) },
                "--quick" => s with { Quick = true },
                "--sklearn" => s with { Sklearn = true },
                _ => throw new ArgumentException($"Unknown argument '{args[a]}'; expected --n, --d, --iterations, --repeats, --quick, --sklearn."),
            };
        }

        return s;
    }
}
