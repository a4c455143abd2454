using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Engine.Caching;

/// <summary>
/// The code a stage runs: its assembly and every assembly it references that carries a code identity (the
/// projects under <c>stages/</c>; see build/CodeIdentity and docs/caching.md), each with the digest of its C#
/// tokens and package versions. <see cref="Digest"/> goes into the cache key; the per-project and per-file
/// digests let <c>plan</c> say what changed.
/// </summary>
/// <param name="Digest">SHA-256 over the sorted <c>project digest</c> lines; the empty-set digest when no assembly carries one.</param>
/// <param name="Projects">Assembly name to project digest.</param>
/// <param name="Files">"Project/relative/path.cs" to a 16-hex-digit file digest.</param>
public sealed record CodeIdentity(string Digest, IReadOnlyDictionary<string, string> Projects, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>The assembly metadata key of a project's digest.</summary>
    public const string ProjectKey = "Pipeline.CodeIdentity";

    /// <summary>The assembly metadata key of one file's digest ("path=digest").</summary>
    public const string FileKey = "Pipeline.CodeIdentity.File";

    private static readonly ConcurrentDictionary<Assembly, CodeIdentity> Known = new();

    /// <summary>The code identity of the stage implemented by <paramref name="stageType"/> (cached per assembly).</summary>
    public static CodeIdentity Of(Type stageType) => Known.GetOrAdd(stageType.Assembly, Compute);

    /// <summary>Combines project digests into the identity's digest.</summary>
    public static string Combine(IReadOnlyDictionary<string, string> projects)
    {
        var text = new StringBuilder();
        foreach (var (name, digest) in projects.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(' ').Append(digest).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The projects whose digest differs between <paramref name="before"/> and this identity, each with the files that changed.</summary>
    public IReadOnlyList<string> ChangesSince(IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string>? filesBefore)
    {
        before ??= new Dictionary<string, string>();
        var changes = new List<string>();
        foreach (var project in before.Keys.Union(Projects.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(project);
            var now = Projects.GetValueOrDefault(project);
            if (was == now)
            {
                continue;
            }

            var prefix = project + "/";
            var files = filesBefore is null
                ? []
                : filesBefore.Keys.Union(Files.Keys)
                    .Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && filesBefore.GetValueOrDefault(f) != Files.GetValueOrDefault(f))
                    .Select(f => f[prefix.Length..] + (Files.ContainsKey(f) ? filesBefore.ContainsKey(f) ? string.Empty : " (new)" : " (removed)"))
                    .Order(StringComparer.Ordinal)
                    .ToList();
            var detail = was is null ? " (new dependency)" : now is null ? " (no longer used)" : files.Count switch
            {
                0 => " (package versions)",
                <= 3 => $" ({string.Join(", ", files)})",
                _ => $" ({string.Join(", ", files.Take(3))} and {files.Count - 3} more)",
            };
            changes.Add(project + detail);
        }

        return changes;
    }

    private static CodeIdentity Compute(Assembly root)
    {
        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>([root]);
        while (queue.TryDequeue(out var assembly))
        {
            var name = assembly.GetName().Name ?? string.Empty;
            if (!seen.Add(name))
            {
                continue;
            }

            var metadata = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToList();
            var digest = metadata.FirstOrDefault(m => m.Key == ProjectKey)?.Value;
            if (digest is null && assembly != root)
            {
                continue; // not one of ours: its identity is the package version its referencer recorded
            }

            if (digest is not null)
            {
                projects[name] = digest;
            }

            foreach (var file in metadata.Where(m => m.Key == FileKey && m.Value is not null))
            {
                var split = file.Value!.LastIndexOf('=');
                files[$"{name}/{file.Value[..split]}"] = file.Value[(split + 1)..];
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } n && !seen.Contains(n) && TryLoad(reference) is { } loaded)
                {
                    queue.Enqueue(loaded);
                }
            }
        }

        return new CodeIdentity(Combine(projects), projects, files);
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        if (name.Name is null || name.Name.StartsWith("System", StringComparison.Ordinal) || name.Name.StartsWith("Microsoft", StringComparison.Ordinal)
            || name.Name is "mscorlib" or "netstandard")
        {
            return null;
        }

        try
        {
            return Assembly.Load(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
