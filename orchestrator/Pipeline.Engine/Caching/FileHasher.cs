using System.Security.Cryptography;

namespace Pipeline.Engine.Caching;

/// <summary>Streams a file through SHA-256 (never loads it whole).</summary>
public static class FileHasher
{
    /// <summary>The SHA-256 of the file as lowercase hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
