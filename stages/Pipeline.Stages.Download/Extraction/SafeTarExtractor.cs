using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Extraction;

/// <summary>
/// Extracts a <c>.tar.gz</c> as a stream (TarReader over GZipStream, no temporary tar). Each file is written under a
/// temporary name and renamed; unsafe entries are refused by <see cref="EntryPathGuard"/> before anything is written for them.
/// </summary>
public static class SafeTarExtractor
{
    /// <summary>Extracts the files under <paramref name="rootFolder"/>/ of <paramref name="archivePath"/> into <paramref name="targetDirectory"/>; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> ExtractAsync(
        string archivePath, string targetDirectory, string rootFolder, ILogger logger, IStageReporter reporter, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetDirectory);
        var written = new List<string>();
        long bytes = 0;
        await using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        try
        {
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var path = EntryPathGuard.Resolve(entry.Name, entry.EntryType, targetDirectory, rootFolder);
                if (path is null)
                {
                    if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    {
                        logger.LogDebug("skipping archive entry {Entry}", entry.Name);
                    }

                    continue;
                }

                var data = entry.DataStream ?? Stream.Null;
                await AtomicFile.WriteAsync(path, async stream => await data.CopyToAsync(stream, 1 << 20, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                bytes += entry.Length;
                written.Add(Path.GetFileName(path));
                reporter.Progress(new ProgressUpdate("extract", bytes, null, "B", Path.GetFileName(path)));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new StageFailedException($"{archivePath} is not a valid .tar.gz: {ex.Message}", ex);
        }

        return written;
    }
}
