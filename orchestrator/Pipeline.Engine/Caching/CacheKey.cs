using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Caching;

/// <summary>
/// The content address of a stage's outputs: SHA-256 over what changes them (stage type, version, the code the stage
/// runs, canonical params without operational ones, seed, and the digests of the input artifacts) and nothing else
/// (not the stage id, not the run, not the executor).
/// </summary>
public static class CacheKey
{
    /// <summary>Computes the key as 64 lowercase hex characters.</summary>
    public static string Compute(string stageType, int version, string codeDigest, string canonicalParams, int seed, IReadOnlyDictionary<string, string> inputDigests)
    {
        var inputs = new JsonObject();
        foreach (var (name, digest) in inputDigests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            inputs[name] = digest;
        }

        var document = new JsonObject
        {
            ["type"] = stageType,
            ["version"] = version,
            ["code"] = codeDigest,
            ["params"] = JsonNode.Parse(canonicalParams),
            ["seed"] = seed,
            ["inputs"] = inputs,
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Serialize(document))));
    }

    /// <summary>The short form shown to users.</summary>
    public static string Short(string key) => key.Length > 12 ? key[..12] : key;
}
