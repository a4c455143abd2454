using System.Formats.Tar;
using System.IO.Compression;
using Pipeline.Data.Digests;

namespace Pipeline.TestSupport.Archives;

/// <summary>Builds small <c>.tar.gz</c> files with hostile entries (path traversal, absolute paths, links) to prove an extractor refuses them.</summary>
public static class MaliciousArchive
{
    /// <summary>An archive with a harmless file and then a regular file named <paramref name="entryName"/> (for example <c>../evil</c> or <c>/tmp/x</c>).</summary>
    public static Task<FileDigest> WithFileEntryAsync(string archivePath, string entryName, CancellationToken cancellationToken = default) =>
        WriteAsync(archivePath, tar =>
        {
            AddHarmless(tar);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream("pwned\n"u8.ToArray()) });
        }, cancellationToken);

    /// <summary>An archive with a harmless file and a symbolic link <paramref name="entryName"/> pointing at <paramref name="target"/>.</summary>
    public static Task<FileDigest> WithSymlinkAsync(string archivePath, string entryName, string target, CancellationToken cancellationToken = default) =>
        WriteAsync(archivePath, tar =>
        {
            AddHarmless(tar);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, entryName) { LinkName = target });
        }, cancellationToken);

    /// <summary>An archive with a harmless file and a hard link <paramref name="entryName"/> pointing at <paramref name="target"/>.</summary>
    public static Task<FileDigest> WithHardLinkAsync(string archivePath, string entryName, string target, CancellationToken cancellationToken = default) =>
        WriteAsync(archivePath, tar =>
        {
            AddHarmless(tar);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, entryName) { LinkName = target });
        }, cancellationToken);

    private static void AddHarmless(TarWriter tar) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "stl10_binary/class_names.txt") { DataStream = new MemoryStream("airplane\n"u8.ToArray()) });

    private static async Task<FileDigest> WriteAsync(string archivePath, Action<TarWriter> write, CancellationToken cancellationToken)
    {
        await using (var file = File.Create(archivePath))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            write(tar);
        }

        return await FileDigest.ComputeAsync(archivePath, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
