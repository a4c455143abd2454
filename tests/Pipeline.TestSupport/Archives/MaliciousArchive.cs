using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
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

    /// <summary>An archive whose entry <paramref name="entryName"/> holds <paramref name="length"/> zero bytes (compresses about 1000:1).</summary>
    public static Task<FileDigest> WithZerosAsync(string archivePath, string entryName, long length, CancellationToken cancellationToken = default) =>
        WriteAsync(archivePath, tar =>
        {
            AddHarmless(tar);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new ZeroStream(length) });
        }, cancellationToken);

    /// <summary>An archive with the same regular-file entry twice.</summary>
    public static Task<FileDigest> WithDuplicateAsync(string archivePath, string entryName, CancellationToken cancellationToken = default) =>
        WriteAsync(archivePath, tar =>
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream("1"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream("2"u8.ToArray()) });
        }, cancellationToken);

    /// <summary>
    /// A decompression bomb's header without its body: a ustar entry <paramref name="entryName"/> whose header declares
    /// <paramref name="declaredSize"/> bytes (at most 8 GiB - 1), followed by only a few bytes, so a test stays small.
    /// </summary>
    public static async Task WithDeclaredSizeAsync(string archivePath, string entryName, long declaredSize, CancellationToken cancellationToken = default)
    {
        var tarBytes = new MemoryStream();
        await using (var tar = new TarWriter(tarBytes, TarEntryFormat.Ustar, leaveOpen: true))
        {
            await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream(new byte[512]) }, cancellationToken);
        }

        var header = tarBytes.ToArray();
        Encoding.ASCII.GetBytes(Convert.ToString(declaredSize, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Encoding.ASCII.GetBytes("        ").CopyTo(header, 148);
        var sum = header.AsSpan(0, 512).ToArray().Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        await GzipAsync(archivePath, header, cancellationToken);
    }

    /// <summary>Writes <paramref name="content"/> gzip-compressed to <paramref name="path"/> (for "gzip, but not a tar").</summary>
    public static async Task GzipAsync(string path, byte[] content, CancellationToken cancellationToken = default)
    {
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await gzip.WriteAsync(content, cancellationToken);
    }

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
