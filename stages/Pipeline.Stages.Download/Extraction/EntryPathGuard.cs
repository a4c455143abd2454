using System.Formats.Tar;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Extraction;

/// <summary>
/// Decides where an archive entry may be written. Links, devices, absolute paths and any <c>..</c> segment are
/// refused outright (the whole archive is rejected); safe entries outside the expected root folder are skipped.
/// </summary>
public static class EntryPathGuard
{
    /// <summary>
    /// The full path for a regular-file entry under <paramref name="rootFolder"/>/ inside <paramref name="targetDirectory"/>,
    /// or null when the entry is safe but not extracted (directories, metadata, files outside the root or nested deeper).
    /// </summary>
    public static string? Resolve(string entryName, TarEntryType type, string targetDirectory, string rootFolder)
    {
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            throw Refuse(entryName, "is a link");
        }

        if (entryName.Length == 0 || entryName.Contains('\0', StringComparison.Ordinal))
        {
            throw Refuse(entryName, "has an empty or invalid name");
        }

        if (entryName.StartsWith('/') || entryName.StartsWith('\\') || Path.IsPathRooted(entryName))
        {
            throw Refuse(entryName, "has an absolute path");
        }

        var segments = entryName.Split('/', '\\');
        if (segments.Contains(".."))
        {
            throw Refuse(entryName, "points outside the target folder (..)");
        }

        switch (type)
        {
            case TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                return null;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                break;
            default:
                throw Refuse(entryName, $"has unsupported type {type}");
        }

        var parts = segments.Where(s => s.Length > 0 && s != ".").ToArray();
        if (parts.Length != 2 || parts[0] != rootFolder)
        {
            return null;
        }

        var root = Path.GetFullPath(targetDirectory);
        var full = Path.GetFullPath(Path.Combine(root, parts[1]));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Refuse(entryName, "points outside the target folder");
        }

        return full;
    }

    private static StageFailedException Refuse(string entryName, string why) =>
        new($"archive entry '{entryName}' {why}; refusing to extract this archive (it is not a genuine STL-10 archive or it was tampered with)");
}
