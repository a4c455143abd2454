namespace Pipeline.Tracking.Rest;

/// <summary>Maps a run's artifact_uri to the path under the server's artifact proxy (/api/2.0/mlflow-artifacts/artifacts/).</summary>
internal static class ArtifactLocation
{
    /// <summary>
    /// For <c>mlflow-artifacts:/0/abc/artifacts</c> (optionally with a host) the path after the scheme; otherwise
    /// <c>&lt;experiment&gt;/&lt;run&gt;/artifacts</c>, the server's default layout.
    /// </summary>
    public static string ProxyPath(string? artifactUri, string? experimentId, string runId)
    {
        if (artifactUri is not null
            && artifactUri.StartsWith("mlflow-artifacts:", StringComparison.Ordinal)
            && Uri.TryCreate(artifactUri, UriKind.Absolute, out var uri))
        {
            return Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
        }

        return $"{experimentId ?? "0"}/{runId}/artifacts";
    }

    /// <summary>Every file to upload and its artifact-relative path: one file, or a folder's files recursively.</summary>
    public static IEnumerable<(string LocalFile, string RelativePath)> Expand(string localPath, string? artifactPath)
    {
        var prefix = string.IsNullOrEmpty(artifactPath) ? string.Empty : artifactPath.Trim('/') + "/";
        if (Directory.Exists(localPath))
        {
            foreach (var file in Directory.EnumerateFiles(localPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                yield return (file, prefix + Path.GetRelativePath(localPath, file).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }
        else if (File.Exists(localPath))
        {
            yield return (localPath, prefix + Path.GetFileName(localPath));
        }
        else
        {
            throw new FileNotFoundException($"Artifact '{localPath}' does not exist.", localPath);
        }
    }
}
