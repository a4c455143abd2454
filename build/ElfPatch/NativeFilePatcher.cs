namespace ElfPatch;

/// <summary>
/// Patches one library file in place, idempotently: plans with <see cref="VersionNeedWeakener"/>, writes
/// only when a flag changes, through a temporary file and a rename so that a hard link to the NuGet cache
/// is never written through, and keeps the file's mode and timestamp (so MSBuild's unchanged-file check
/// does not copy the unpatched original over it again).
/// </summary>
public static class NativeFilePatcher
{
    /// <summary>Outcome of <see cref="Patch"/>: the decisions and whether the file was rewritten.</summary>
    public sealed record Result(IReadOnlyList<NeedDecision> Decisions, bool Written)
    {
        /// <summary>True when some missing version is bound by a relocation: no patch can make the file load.</summary>
        public bool Blocked => Decisions.Any(d => d.Status == NeedStatus.Blocked);
    }

    /// <summary>Plans and, unless blocked or <paramref name="dryRun"/>, applies the patch to <paramref name="path"/>.</summary>
    public static Result Patch(string path, HostLibraryResolver resolver, bool dryRun = false)
    {
        var image = ElfImage.Load(path);
        var decisions = VersionNeedWeakener.Plan(image, soname => DescribeHost(resolver, soname, image.Machine));
        var result = new Result(decisions, Written: false);
        if (result.Blocked || dryRun || VersionNeedWeakener.Apply(image, decisions) == 0)
        {
            return result;
        }
        WriteReplacing(path, image.Bytes);
        return result with { Written = true };
    }

    private static (string Path, IReadOnlySet<string> Versions)? DescribeHost(HostLibraryResolver resolver, string soname, ushort machine)
    {
        var hostPath = resolver.Resolve(soname, machine);
        return hostPath is null ? null : (hostPath, SymbolVersioning.ReadVersionDefinitions(ElfImage.Load(hostPath)));
    }

    private static void WriteReplacing(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.elfpatch");
        var lastWrite = File.GetLastWriteTimeUtc(full);
        try
        {
            File.WriteAllBytes(temp, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            }
            File.SetLastWriteTimeUtc(temp, lastWrite);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
