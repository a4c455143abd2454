using System.Buffers.Binary;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Storage;

namespace Pipeline.Stages.Download.Extraction;

/// <summary>
/// Extracts a <c>.tar.gz</c> as a stream (TarReader over GZipStream, no temporary tar). Each file is written under a
/// temporary name and renamed; unsafe entries are refused by <see cref="EntryPathGuard"/>, and entries larger than
/// STL-10's layout allows (<see cref="Stl10EntryLimits"/>) or than the free disk space, before anything is written for them.
/// </summary>
public static class SafeTarExtractor
{
    /// <summary>Extracts the files under <paramref name="rootFolder"/>/ of <paramref name="archivePath"/> into <paramref name="targetDirectory"/>; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> ExtractAsync(
        string archivePath, string targetDirectory, string rootFolder, ILogger logger, IStageReporter reporter, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetDirectory);
        if (GzipDeclaredSize(archivePath) is { } declared)
        {
            DiskSpace.Require(targetDirectory, Math.Min(declared, Stl10EntryLimits.TotalBytes), $"extracting {Path.GetFileName(archivePath)}");
        }

        var written = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        var entries = 0;
        await using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        try
        {
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                entries++;
                var path = EntryPathGuard.Resolve(entry.Name, entry.EntryType, targetDirectory, rootFolder);
                var name = Path.GetFileName(path ?? entry.Name);
                var limit = Stl10EntryLimits.MaxBytes(name);
                if (entry.Length > limit)
                {
                    throw Refuse(entry.Name, string.Create(CultureInfo.InvariantCulture,
                        $"declares {entry.Length:N0} bytes, more than STL-10's layout allows for {name} ({limit:N0} bytes)"));
                }

                if (path is null)
                {
                    if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    {
                        logger.LogDebug("skipping archive entry {Entry}", entry.Name);
                    }

                    continue;
                }

                if (!names.Add(name))
                {
                    throw Refuse(entry.Name, "appears twice");
                }

                DiskSpace.Require(path, entry.Length, $"extracting {name}");
                var data = entry.DataStream ?? Stream.Null;
                try
                {
                    await AtomicFile.WriteAsync(path, stream => CopyAtMostAsync(data, stream, limit, entry.Name, cancellationToken)).ConfigureAwait(false);
                }
                catch (IOException ex) when (DiskSpace.IsFull(ex))
                {
                    throw DiskSpace.Full(path, entry.Length, $"extracting {name}", ex);
                }

                bytes += entry.Length;
                written.Add(name);
                reporter.Progress(new ProgressUpdate("extract", bytes, null, "B", name));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw entries == 0
                ? NotATarGz(archivePath, rootFolder, ex)
                : new StageFailedException($"{archivePath} is not a valid .tar.gz after {entries} entries: {ex.Message}", ex);
        }

        return entries == 0 ? throw NotATarGz(archivePath, rootFolder, null) : written;
    }

    private static StageFailedException NotATarGz(string archivePath, string rootFolder, Exception? inner)
    {
        var message = $"{archivePath} is {ArchiveSniffer.Describe(archivePath)}, not a gzip-compressed tar archive with entries; " +
            $"expected {Stl10Format.ArchiveFileName} (a .tar.gz of the {rootFolder}/ folder): check the url param";
        return inner is null ? new StageFailedException(message) : new StageFailedException(message, inner);
    }

    // The header's size is what TarReader reads, so this is a second guard: it never lets more than the limit through.
    private static async Task CopyAtMostAsync(Stream source, Stream target, long limit, string entryName, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        long copied = 0;
        int n;
        while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            copied += n;
            if (copied > limit)
            {
                throw Refuse(entryName, string.Create(CultureInfo.InvariantCulture, $"holds more than {limit:N0} bytes"));
            }

            await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The uncompressed size a gzip file declares (its last four bytes: exact below 4 GiB), or null when it is not gzip.</summary>
    private static long? GzipDeclaredSize(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length < 18 || file.ReadByte() != 0x1F || file.ReadByte() != 0x8B)
        {
            return null;
        }

        Span<byte> tail = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(tail);
        return BinaryPrimitives.ReadUInt32LittleEndian(tail);
    }

    private static StageFailedException Refuse(string entryName, string why) =>
        new($"archive entry '{entryName}' {why}; refusing to extract this archive (a decompression bomb, or not a genuine STL-10 archive); nothing was kept");
}
