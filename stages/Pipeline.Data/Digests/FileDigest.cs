using System.Security.Cryptography;

namespace Pipeline.Data.Digests;

/// <summary>The MD5 and SHA-256 (lowercase hex) and length of a file.</summary>
public sealed record FileDigest(long Length, string Md5, string Sha256)
{
    /// <summary>Reads <paramref name="path"/> once and computes both hashes; <paramref name="progress"/> gets the bytes read so far.</summary>
    public static async Task<FileDigest> ComputeAsync(string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long total = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            md5.AppendData(buffer, 0, n);
            sha256.AppendData(buffer, 0, n);
            total += n;
            progress?.Report(total);
        }

        return new FileDigest(total, Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }
}
