using System.Globalization;
using Pipeline.Data.Digests;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Verification;

/// <summary>Checks an archive against the expected MD5 and/or SHA-256; a downloaded file that fails is moved aside so it is never used.</summary>
public static class ArchiveVerifier
{
    /// <summary>
    /// Hashes <paramref name="archivePath"/> and compares. On a mismatch throws a <see cref="StageFailedException"/> that
    /// names expected and actual values; when <paramref name="moveAsideOnMismatch"/> the file is first renamed to
    /// <c>{name}.bad-{UTC timestamp}</c>.
    /// </summary>
    public static async Task<FileDigest> VerifyAsync(
        string archivePath, string? md5, string? sha256, bool moveAsideOnMismatch, IStageReporter reporter, CancellationToken cancellationToken)
    {
        var length = new FileInfo(archivePath).Length;
        var digest = await FileDigest.ComputeAsync(archivePath, new StepProgress(reporter, "verify", length), cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        if (md5 is not null && !string.Equals(md5, digest.Md5, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"expected md5 {md5.ToLowerInvariant()}, actual {digest.Md5}");
        }

        if (sha256 is not null && !string.Equals(sha256, digest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"expected sha256 {sha256.ToLowerInvariant()}, actual {digest.Sha256}");
        }

        if (problems.Count == 0)
        {
            return digest;
        }

        var what = $"checksum mismatch for {archivePath} ({digest.Length} bytes): {string.Join("; ", problems)}";
        if (!moveAsideOnMismatch)
        {
            throw new StageFailedException($"{what}. Check the file or the md5/sha256 params.");
        }

        var bad = $"{archivePath}.bad-{TimeProvider.System.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
        File.Move(archivePath, bad);
        throw new StageFailedException($"{what}. The file was moved to {bad} and will not be used; the next run downloads it again.");
    }
}
