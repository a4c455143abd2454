using System.Formats.Tar;
using System.IO.Compression;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Data.Archives;

/// <summary>Packs a dataset directory into an archive shaped like the official <c>stl10_binary.tar.gz</c> (entries under <c>stl10_binary/</c>).</summary>
public static class Stl10ArchiveWriter
{
    /// <summary>The files packed, in archive order; missing ones are left out.</summary>
    public static IReadOnlyList<string> EntryFiles { get; } =
    [
        Stl10Format.ClassNamesFile,
        Stl10Format.FoldIndicesFile,
        Stl10Format.ImagesFile(Stl10Format.Test),
        Stl10Format.LabelsFile(Stl10Format.Test),
        Stl10Format.ImagesFile(Stl10Format.Train),
        Stl10Format.LabelsFile(Stl10Format.Train),
        Stl10Format.ImagesFile(Stl10Format.Unlabeled),
    ];

    /// <summary>Writes <paramref name="archivePath"/> atomically from the STL-10 files in <paramref name="datasetDirectory"/> (not <c>dataset.json</c>, like the original).</summary>
    public static void Write(string datasetDirectory, string archivePath, CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default) =>
        AtomicFile.Write(archivePath, stream =>
        {
            using var gzip = new GZipStream(stream, level, leaveOpen: true);
            using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            var modified = new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, Stl10Format.ArchiveRoot + "/") { ModificationTime = modified });
            foreach (var name in EntryFiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = Path.Combine(datasetDirectory, name);
                if (!File.Exists(path))
                {
                    continue;
                }

                using var data = File.OpenRead(path);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{Stl10Format.ArchiveRoot}/{name}")
                {
                    DataStream = data,
                    ModificationTime = modified,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
            }
        });
}
