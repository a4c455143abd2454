using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Pipeline.Data.Archives;
using Pipeline.TestSupport;

namespace Pipeline.Data.Tests.Archives;

public sealed class SyntheticArchiveBuilderTests
{
    [Fact]
    public async Task Builds_a_tar_gz_with_stl10_binary_entries_and_its_digests()
    {
        using var dir = new TempDirectory();
        var archive = dir.Combine("stl10_binary.tar.gz");
        var dataset = dir.Combine("dataset");

        var digest = await SyntheticArchiveBuilder.BuildAsync(archive, new SplitCounts(3, 10, 10), seed: 1, keepDatasetIn: dataset);

        var bytes = await File.ReadAllBytesAsync(archive);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), digest.Md5);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest.Sha256);
        Assert.Equal(bytes.Length, digest.Length);
        var entries = new Dictionary<string, long>();
        using (var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                entries[entry.Name] = entry.Length;
            }
        }

        Assert.Equal(3 * 27648, entries["stl10_binary/unlabeled_X.bin"]);
        Assert.Equal(10, entries["stl10_binary/train_y.bin"]);
        Assert.Contains("stl10_binary/fold_indices.txt", entries.Keys);
        Assert.Contains("stl10_binary/class_names.txt", entries.Keys);
        Assert.All(entries.Keys, k => Assert.StartsWith("stl10_binary/", k));
        Assert.True(File.Exists(Path.Combine(dataset, "train_X.bin")));
    }
}
