namespace Pipeline.Stages.Download.Sources;

/// <summary>The <c>url</c> param resolved: its kind, the HTTP URL or local path, and a form that is safe to log.</summary>
public sealed record ArchiveSource(ArchiveSourceKind Kind, Uri? HttpUrl, string? LocalPath, string Display)
{
    /// <summary>The <c>url</c> value that selects the synthetic generator.</summary>
    public const string SyntheticScheme = "synthetic:";

    /// <summary>Resolves <paramref name="url"/>; relative paths are relative to the working directory.</summary>
    public static ArchiveSource Parse(string url) =>
        TryParse(url, out var source, out var error) ? source : throw new ArgumentException(error, nameof(url));

    /// <summary>Resolves <paramref name="url"/> or says why it cannot be used.</summary>
    public static bool TryParse(string? url, out ArchiveSource source, out string error)
    {
        source = null!;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "is empty: give an http(s) or file URL, a local path, or synthetic:";
            return false;
        }

        if (url.Equals(SyntheticScheme, StringComparison.OrdinalIgnoreCase))
        {
            source = new ArchiveSource(ArchiveSourceKind.Synthetic, null, null, SyntheticScheme);
            return true;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            switch (uri.Scheme)
            {
                case "http" or "https":
                    source = new ArchiveSource(ArchiveSourceKind.Http, uri, null, UrlRedactor.Redact(uri));
                    return true;
                case "file":
                    source = new ArchiveSource(ArchiveSourceKind.File, null, uri.LocalPath, uri.LocalPath);
                    return true;
                default:
                    error = $"scheme '{uri.Scheme}' is not supported: use http, https, file, a local path, or synthetic:";
                    return false;
            }
        }

        if (url.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{UrlRedactor.Redact(url)}' is not a valid URL";
            return false;
        }

        var path = Path.GetFullPath(url);
        source = new ArchiveSource(ArchiveSourceKind.File, null, path, path);
        return true;
    }
}
