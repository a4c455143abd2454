using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>
/// Facts about where the report was made: .NET, OS, processors, git commit, and TorchSharp/libtorch versions when the
/// host has them. TorchSharp is found by assembly name (never loaded natively); libtorch by the host's deps.json.
/// </summary>
internal static class EnvironmentProbe
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Label and value pairs; parts that cannot be found are left out.</summary>
    public static List<KeyValuePair<string, string>> Collect(IEnumerable<KeyValuePair<string, string>> encoderFacts)
    {
        var facts = new List<KeyValuePair<string, string>>
        {
            new(".NET", RuntimeInformation.FrameworkDescription),
            new("OS", RuntimeInformation.OSDescription),
            new("architecture", RuntimeInformation.OSArchitecture.ToString()),
            new("processor count", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (TorchSharpVersion() is { } torchSharp)
        {
            facts.Add(new("TorchSharp", torchSharp));
        }

        foreach (var (package, version) in LibTorchPackages())
        {
            facts.Add(new("libtorch", $"{version} ({package})"));
        }

        // The encoder stage may have recorded the versions it trained with.
        foreach (var fact in encoderFacts.Where(f => f.Key.Contains("torch", StringComparison.OrdinalIgnoreCase) || f.Key.Contains("device", StringComparison.OrdinalIgnoreCase)))
        {
            facts.Add(new($"encoder.json: {fact.Key}", fact.Value));
        }

        facts.Add(new("git commit", GitCommit() ?? "not available (git rev-parse HEAD failed in the working directory)"));
        return facts;
    }

    private static string? TorchSharpVersion()
    {
        try
        {
            var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "TorchSharp")
                ?? Assembly.Load(new AssemblyName("TorchSharp"));
            return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? assembly.GetName().Version?.ToString();
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static IEnumerable<(string Package, string Version)> LibTorchPackages()
    {
        var depsFiles = Directory.Exists(AppContext.BaseDirectory)
            ? Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json")
            : [];
        var found = new SortedSet<(string, string)>();
        foreach (var deps in depsFiles)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(deps));
                if (!document.RootElement.TryGetProperty("libraries", out var libraries))
                {
                    continue;
                }

                foreach (var library in libraries.EnumerateObject().Where(l => l.Name.StartsWith("libtorch-", StringComparison.OrdinalIgnoreCase)))
                {
                    var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
                    if (slash > 0)
                    {
                        found.Add((library.Name[..slash], library.Name[(slash + 1)..]));
                    }
                }
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // A deps file we cannot read says nothing about libtorch.
            }
        }

        return found.Where(p => !p.Item1.Contains("-part", StringComparison.Ordinal));
    }

    private static string? GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Environment.CurrentDirectory,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(GitTimeout))
            {
                git.Kill(entireProcessTree: true);
                return null;
            }

            var commit = output.GetAwaiter().GetResult().Trim();
            return git.ExitCode == 0 && commit.Length >= 7 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
