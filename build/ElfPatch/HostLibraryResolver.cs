using System.Diagnostics;

namespace ElfPatch;

/// <summary>
/// Finds the file the dynamic loader would use for a soname in a process started here: LD_LIBRARY_PATH,
/// then the ld.so cache (<c>ldconfig -p</c>), then the default directories (ld.so(8), "search order").
/// The library's own RUNPATH ($ORIGIN) is skipped on purpose: a .NET host has already loaded
/// libstdc++ and libc before TorchSharp, and the loader reuses an object it has by soname.
/// </summary>
public sealed class HostLibraryResolver
{
    private static readonly string[] DefaultDirectories =
        ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"];

    private readonly IReadOnlyList<string> libraryPath;
    private readonly Lazy<IReadOnlyList<(string Soname, string Path)>> cache;

    /// <summary>Creates a resolver over explicit LD_LIBRARY_PATH entries and an ld.so cache listing.</summary>
    public HostLibraryResolver(IReadOnlyList<string> libraryPath, Func<IReadOnlyList<(string Soname, string Path)>> cacheEntries)
    {
        this.libraryPath = libraryPath;
        cache = new Lazy<IReadOnlyList<(string Soname, string Path)>>(cacheEntries);
    }

    /// <summary>A resolver for this process: its LD_LIBRARY_PATH and the system's <c>ldconfig -p</c>.</summary>
    public static HostLibraryResolver FromEnvironment()
    {
        var ldLibraryPath = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries);
        return new HostLibraryResolver(ldLibraryPath, ReadLdconfigCache);
    }

    /// <summary>Path of the first library named <paramref name="soname"/> built for <paramref name="machine"/>, or null.</summary>
    public string? Resolve(string soname, ushort machine)
    {
        var candidates = libraryPath.Select(dir => Path.Combine(dir, soname))
            .Concat(cache.Value.Where(e => e.Soname == soname).Select(e => e.Path))
            .Concat(DefaultDirectories.Select(dir => Path.Combine(dir, soname)));
        return candidates.FirstOrDefault(path => File.Exists(path) && MachineOf(path) == machine);
    }

    /// <summary>Parses <c>ldconfig -p</c> lines such as <c>libstdc++.so.6 (libc6,x86-64) =&gt; /lib/.../libstdc++.so.6</c>.</summary>
    public static IReadOnlyList<(string Soname, string Path)> ParseLdconfig(string output)
    {
        var entries = new List<(string, string)>();
        foreach (var line in output.Split('\n'))
        {
            var arrow = line.IndexOf(" => ", StringComparison.Ordinal);
            var paren = line.IndexOf(" (", StringComparison.Ordinal);
            if (arrow > 0 && paren > 0 && paren < arrow)
            {
                entries.Add((line[..paren].Trim(), line[(arrow + 4)..].Trim()));
            }
        }
        return entries;
    }

    private static IReadOnlyList<(string Soname, string Path)> ReadLdconfigCache()
    {
        foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
        {
            if (ldconfig.StartsWith('/') && !File.Exists(ldconfig))
            {
                continue;
            }
            try
            {
                using var process = Process.Start(new ProcessStartInfo(ldconfig, "-p")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                if (process is null)
                {
                    continue;
                }
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return ParseLdconfig(output);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name: try the next one, then fall back to default directories.
            }
        }
        return [];
    }

    private static ushort? MachineOf(string path)
    {
        try
        {
            Span<byte> header = stackalloc byte[20];
            using var stream = File.OpenRead(path);
            return stream.Read(header) == header.Length && header[0] == 0x7f && header[4] == 2
                ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(header[18..])
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
