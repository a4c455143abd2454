namespace Pipeline.Stages.Download.Sources;

/// <summary>Removes what may be a secret (user info, query, fragment) from a URL before it is logged.</summary>
public static class UrlRedactor
{
    /// <summary>The URL without user info, with any query replaced by <c>?REDACTED</c> and without fragment.</summary>
    public static string Redact(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        if (url.IsFile)
        {
            return url.LocalPath;
        }

        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Fragment = string.Empty };
        builder.Query = url.Query.Length > 1 ? "REDACTED" : string.Empty;
        return builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);
    }

    /// <summary>Redacts a string that may not parse as a URL: everything between <c>://</c> and <c>@</c>, and after <c>?</c>, is dropped.</summary>
    public static string Redact(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Redact(uri);
        }

        var text = url;
        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            text = text[..query] + "?REDACTED";
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return scheme >= 0 && at > scheme ? text[..(scheme + 3)] + text[(at + 1)..] : text;
    }
}
