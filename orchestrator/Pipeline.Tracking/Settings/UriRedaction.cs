namespace Pipeline.Tracking.Settings;

/// <summary>Removes user info and query strings from URIs before they reach a log line or an exception message.</summary>
public static class UriRedaction
{
    /// <summary>The URI without user info, query or fragment; the input unchanged when it is not an absolute URI.</summary>
    public static string Redact(string uriOrPath)
    {
        if (!Uri.TryCreate(uriOrPath, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return uriOrPath;
        }

        return StripUserInfo(uri).GetLeftPart(UriPartial.Path);
    }

    /// <summary>The same URI with its user info removed.</summary>
    public static Uri StripUserInfo(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri;
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        return builder.Uri;
    }
}
