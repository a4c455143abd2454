using System.Diagnostics;

namespace Pipeline.EndToEnd.Tests;

/// <summary>
/// A real single-node Slurm cluster started by scripts/slurm/start.sh in a private folder, stopped by stop.sh.
/// Installing Slurm is scripts/slurm/install.sh's job (scripts/test.sh and CI run it first), never the fixture's.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    public SlurmCluster()
    {
        var missing = Programs.Where(p => !IsInstalled(p)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Slurm is not installed (missing {string.Join(", ", missing)}): run scripts/slurm/install.sh, or scripts/test.sh which runs it first");
        }

        StateDirectory = Directory.CreateTempSubdirectory("e2e-slurm-").FullName;

        var start = Run(Path.Combine(RepoRoot.Path, "scripts", "slurm", "start.sh"), StateDirectory);
        if (start.Code != 0)
        {
            throw new InvalidOperationException($"scripts/slurm/start.sh failed: {start.Output}");
        }

        foreach (var line in File.ReadAllLines(Path.Combine(StateDirectory, "env.sh")))
        {
            if (line.StartsWith("export ", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is > 7 and var eq)
            {
                Environment[line[7..eq]] = line[(eq + 1)..].Trim('"', '\'');
            }
        }
    }

    private static readonly string[] Programs = ["munged", "slurmctld", "slurmd", "sbatch", "squeue"];

    public string StateDirectory { get; }

    private static bool IsInstalled(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/sbin"])
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public (int Code, string Output) Slurm(params string[] args) => Run(args[0], args[1..]);

    public void Dispose()
    {
        Run(Path.Combine(RepoRoot.Path, "scripts", "slurm", "stop.sh"), StateDirectory);
    }

    private (int Code, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in Environment)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(5));
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
